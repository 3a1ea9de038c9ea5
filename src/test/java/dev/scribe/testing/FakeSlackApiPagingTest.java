package dev.scribe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** conversations.history and conversations.replies page as Slack's do: limit, has_more, next_cursor, cursor. */
class FakeSlackApiPagingTest {

    private static final String TOKEN = "xoxb-fake-slack-paging";
    private static final String GENERAL = "C0GENERAL";

    private FakeSlackApi fake;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        fake = new FakeSlackApi(TOKEN);
        fake.addChannel(GENERAL, "general");
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        slack = Slack.getInstance(config);
        methods = slack.methods(TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        fake.close();
    }

    @Test
    void historyPagesNewestFirstThroughEveryMessageOnce() throws Exception {
        for (int i = 0; i < 250; i++) {
            fake.addMessage(GENERAL, "U0ALICE", "message " + i);
        }
        ConversationsHistoryResponse first = methods.conversationsHistory(r -> r.channel(GENERAL));
        assertEquals(100, first.getMessages().size(), "Slack's default page is 100 messages");
        assertTrue(first.isHasMore());

        List<String> texts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            String page = cursor;
            ConversationsHistoryResponse r = methods.conversationsHistory(q -> q.channel(GENERAL).limit(60).cursor(page));
            assertTrue(r.isOk(), r.getError());
            r.getMessages().forEach(m -> texts.add(m.getText()));
            cursor = r.isHasMore() ? r.getResponseMetadata().getNextCursor() : null;
            if (!r.isHasMore()) {
                assertEquals("", r.getResponseMetadata().getNextCursor(), "no cursor after the last page");
            }
            pages++;
        } while (cursor != null && pages < 20);
        assertEquals(5, pages);
        List<String> expected = new ArrayList<>();
        for (int i = 249; i >= 0; i--) {
            expected.add("message " + i);
        }
        assertEquals(expected, texts);
    }

    @Test
    void historyKeepsItsFiltersAcrossPages() throws Exception {
        List<String> ts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ts.add(fake.addMessage(GENERAL, "U0ALICE", "message " + i));
        }
        String oldest = ts.get(9);
        ConversationsHistoryResponse first = methods.conversationsHistory(r -> r.channel(GENERAL).oldest(oldest).limit(15));
        assertEquals(15, first.getMessages().size());
        String cursor = first.getResponseMetadata().getNextCursor();
        ConversationsHistoryResponse second = methods.conversationsHistory(r -> r.channel(GENERAL).oldest(oldest).limit(15)
                .cursor(cursor));
        assertEquals(5, second.getMessages().size(), "messages 10 to 14: oldest is exclusive");
        assertEquals("message 10", second.getMessages().get(4).getText());
        assertFalse(second.isHasMore());
    }

    @Test
    void repliesPageOldestFirstWithTheParentOnTheFirstPage() throws Exception {
        String parent = fake.addMessage(GENERAL, "U0ALICE", "parent");
        for (int i = 0; i < 7; i++) {
            assertTrue(methods.chatPostMessage(m -> m.channel(GENERAL).threadTs(parent).text("reply")).isOk());
        }
        List<Message> all = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsRepliesResponse r = methods.conversationsReplies(q -> q.channel(GENERAL).ts(parent).limit(3)
                    .cursor(page));
            assertTrue(r.isOk(), r.getError());
            assertTrue(r.getMessages().size() <= 3);
            all.addAll(r.getMessages());
            cursor = r.isHasMore() ? r.getResponseMetadata().getNextCursor() : null;
        } while (cursor != null && all.size() < 100);
        assertEquals(8, all.size());
        assertEquals("parent", all.get(0).getText());
        assertEquals(8, all.stream().map(Message::getTs).distinct().count(), "no message twice");
    }

    @Test
    void aCursorSlackDidNotHandOutIsRefused() throws Exception {
        fake.addMessage(GENERAL, "U0ALICE", "one");
        assertEquals("invalid_cursor", methods.conversationsHistory(r -> r.channel(GENERAL).cursor("not-a-cursor")).getError());
        String parent = fake.addMessage(GENERAL, "U0ALICE", "two");
        assertEquals("invalid_cursor", methods.conversationsReplies(r -> r.channel(GENERAL).ts(parent)
                .cursor("bmV4dF90czpub3Bl")).getError());
    }
}

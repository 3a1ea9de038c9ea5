package dev.scribe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.methods.response.views.ViewsPublishResponse;
import com.slack.api.methods.response.views.ViewsUpdateResponse;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake's views.* methods, through the real Slack Java client: they refuse what Slack refuses. */
class FakeSlackViewsTest {

    private static final String TOKEN = "xoxb-fake-slack-views";

    private FakeSlackApi fake;
    private Slack slack;
    private MethodsClient methods;

    @BeforeEach
    void start() {
        fake = new FakeSlackApi(TOKEN);
        fake.addUser("U0ALICE", "alice", "Alice");
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

    private static String modal(String title, String blocks) {
        return "{\"type\":\"modal\",\"callback_id\":\"cb\",\"title\":{\"type\":\"plain_text\",\"text\":\"" + title
                + "\"},\"submit\":{\"type\":\"plain_text\",\"text\":\"Go\"},\"blocks\":" + blocks + "}";
    }

    private static final String ONE_INPUT = "[{\"type\":\"input\",\"block_id\":\"title\",\"label\":{\"type\":\"plain_text\","
            + "\"text\":\"Title\"},\"element\":{\"type\":\"plain_text_input\",\"action_id\":\"v\"}}]";

    private ViewsOpenResponse open(String trigger, String view) throws Exception {
        return methods.viewsOpen(r -> r.triggerId(trigger).viewAsString(view));
    }

    @Test
    void aFreshTriggerOpensOneModalAndOnlyOnce() throws Exception {
        String trigger = Triggers.issue();
        ViewsOpenResponse first = open(trigger, modal("Declare an incident", ONE_INPUT));
        assertTrue(first.isOk(), first.getError());
        assertEquals("cb", fake.view(first.getView().getId()).orElseThrow().callbackId());
        assertEquals(trigger, fake.modals("cb").get(0).triggerId());
        assertEquals("invalid_trigger_id", open(trigger, modal("Again", ONE_INPUT)).getError());
        assertEquals(1, fake.views().size());
    }

    @Test
    void aTriggerOlderThanThreeSecondsOrNotIssuedBySlackIsRefused() throws Exception {
        assertEquals("expired_trigger_id",
                open(Triggers.issuedAt(Instant.now().minusSeconds(4)), modal("Late", ONE_INPUT)).getError());
        assertEquals("invalid_trigger_id", open("12345.98765.abcd2358fdea", modal("Made up", ONE_INPUT)).getError());
        assertEquals("invalid_arguments", methods.viewsOpen(r -> r.viewAsString(modal("No trigger", ONE_INPUT))).getError());
        assertEquals(0, fake.views().size());
    }

    @Test
    void aModalBreakingBlockKitsViewLimitsIsRefusedWithWhereItBreaksThem() throws Exception {
        ViewsOpenResponse longTitle = open(Triggers.issue(), modal("A title of twenty-five ch", ONE_INPUT));
        assertEquals("invalid_arguments", longTitle.getError());
        assertEquals("[ERROR] must be less than 25 characters [json-pointer:/view/title/text]",
                longTitle.getResponseMetadata().getMessages().get(0));

        String many = IntStream.range(0, 101).mapToObj(i -> "{\"type\":\"divider\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertEquals("invalid_arguments", open(Triggers.issue(), modal("Many", many)).getError());

        String twice = "[{\"type\":\"divider\",\"block_id\":\"x\"},{\"type\":\"divider\",\"block_id\":\"x\"}]";
        assertEquals("invalid_arguments", open(Triggers.issue(), modal("Twice", twice)).getError());

        String longLabel = ONE_INPUT.replace("\"Title\"", "\"" + "l".repeat(2001) + "\"");
        assertEquals("invalid_arguments", open(Triggers.issue(), modal("Label", longLabel)).getError());

        String placeholder = ONE_INPUT.replace("\"action_id\":\"v\"",
                "\"action_id\":\"v\",\"placeholder\":{\"type\":\"plain_text\",\"text\":\"" + "p".repeat(151) + "\"}");
        assertEquals("invalid_arguments", open(Triggers.issue(), modal("Placeholder", placeholder)).getError());

        String metadata = modal("Metadata", ONE_INPUT).replace("\"callback_id\":\"cb\"",
                "\"callback_id\":\"cb\",\"private_metadata\":\"" + "m".repeat(3001) + "\"");
        assertEquals("invalid_arguments", open(Triggers.issue(), metadata).getError());

        String options = IntStream.range(0, 101).mapToObj(i -> "{\"text\":{\"type\":\"plain_text\",\"text\":\"o" + i
                + "\"},\"value\":\"" + i + "\"}").collect(Collectors.joining(",", "[", "]"));
        String select = "[{\"type\":\"input\",\"block_id\":\"s\",\"label\":{\"type\":\"plain_text\",\"text\":\"S\"},"
                + "\"element\":{\"type\":\"static_select\",\"action_id\":\"v\",\"options\":" + options + "}}]";
        assertEquals("invalid_arguments", open(Triggers.issue(), modal("Options", select)).getError());

        String noSubmit = modal("No submit", ONE_INPUT).replace(",\"submit\":{\"type\":\"plain_text\",\"text\":\"Go\"}", "");
        assertEquals("invalid_arguments", open(Triggers.issue(), noSubmit).getError());

        String longSubmit = modal("Submit", ONE_INPUT).replace("\"Go\"", "\"" + "s".repeat(25) + "\"");
        assertEquals("invalid_arguments", open(Triggers.issue(), longSubmit).getError());
        assertEquals(0, fake.views().size());
    }

    @Test
    void anUpdateNeedsTheViewAndItsCurrentHash() throws Exception {
        ViewsOpenResponse opened = open(Triggers.issue(), modal("First", ONE_INPUT));
        String id = opened.getView().getId();
        String hash = opened.getView().getHash();
        ViewsUpdateResponse updated = methods.viewsUpdate(r -> r.viewId(id).hash(hash).viewAsString(modal("Second", ONE_INPUT)));
        assertTrue(updated.isOk(), updated.getError());
        assertEquals("Second", fake.view(id).orElseThrow().title());
        assertEquals("hash_conflict",
                methods.viewsUpdate(r -> r.viewId(id).hash(hash).viewAsString(modal("Third", ONE_INPUT))).getError());
        assertEquals("not_found",
                methods.viewsUpdate(r -> r.viewId("V0NOPE").viewAsString(modal("Nope", ONE_INPUT))).getError());
        assertEquals(1, fake.view(id).orElseThrow().updates());
    }

    @Test
    void publishNeedsAUserOfTheWorkspaceAndAHomeViewAndReplacesTheirHomeTab() throws Exception {
        String home = "{\"type\":\"home\",\"blocks\":[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"hi\"}}]}";
        assertEquals("invalid_arguments", methods.viewsPublish(r -> r.viewAsString(home)).getError());
        assertEquals("invalid_arguments",
                methods.viewsPublish(r -> r.userId("U0ALICE").viewAsString(modal("Modal", ONE_INPUT))).getError());
        assertEquals("user_not_found", methods.viewsPublish(r -> r.userId("U0NOBODY").viewAsString(home)).getError());

        ViewsPublishResponse first = methods.viewsPublish(r -> r.userId("U0ALICE").viewAsString(home));
        assertTrue(first.isOk(), first.getError());
        ViewsPublishResponse second = methods.viewsPublish(r -> r.userId("U0ALICE").viewAsString(home.replace("hi", "hello")));
        assertTrue(second.isOk(), second.getError());
        FakeSlackApi.View tab = fake.homeView("U0ALICE").orElseThrow();
        assertEquals(first.getView().getId(), tab.id());
        assertEquals("hello\n", tab.allText());
        assertEquals(1, tab.updates());
        assertNull(tab.triggerId());
    }
}

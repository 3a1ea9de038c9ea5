package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi.ApiCall;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report outbox against a Slack that fails: rate limits, outages, calls that fail after Slack acted, and a
 * restart mid-post. Whatever happens, the summary, each timeline part and the Markdown file appear exactly once.
 */
class ReportOutboxTest {

    /** chat.postMessage calls before the timeline's first part: the summary. */
    private static final Duration PASS = Duration.ZERO;
    /** Production waits 10 s for a silent Slack call; a hang is the same story told in 3. */
    private static final Duration SLACK_CALL_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults().withSlackCallTimeout(SLACK_CALL_TIMEOUT);

    String channel;

    @BeforeEach
    void openIncident(RunningScribe bot) {
        channel = bot.startIncident(ALICE, "Payments queue backlog");
        long t = System.currentTimeMillis() / 1000 - 300;
        String parent = SlackPayloads.ts(t, 1);
        bot.say(channel, ALICE, parent, null, "Queue depth is 40k and climbing");
        bot.say(channel, BOB, SlackPayloads.ts(t + 10, 2), parent, "Consumers are stuck on a poison message");
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), BOB, "rotating_light", channel, parent));
        // Notes enough for a timeline of two thread messages (over 11,000 characters, with each line cut at about 300
        // characters in Slack), so that a part posted twice, lost or out of order shows.
        for (int i = 0; i < 40; i++) {
            assertEquals(200, bot.command(i % 2 == 0 ? ALICE : BOB, channel, "note Update " + i + ": "
                    + "draining the payments queue partition by partition, consumer lag falling; ".repeat(5)).ack().statusCode());
        }
    }

    @Test
    void rateLimitIsHonouredAndNothingIsPostedTwice(RunningScribe bot) {
        bot.slack.rateLimitNext("chat.postMessage", 2);
        close(bot);
        assertExactlyOnce(bot);
        List<ApiCall> posts = bot.slack.calls("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel"))).toList();
        // The header is the first post to the channel; the 429 is the second; the summary's retry the third.
        Duration waited = Duration.between(posts.get(1).at(), posts.get(2).at());
        assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, "Retry-After of 2 s honoured, waited " + waited);
    }

    @Test
    void summaryThatReachedSlackDespiteAFailureIsNotPostedAgain(RunningScribe bot) {
        bot.slack.failAfterActingNext("chat.postMessage", "internal_error");
        close(bot);
        assertExactlyOnce(bot);
        assertTrue(bot.slack.callCount("conversations.history") >= 1, "looked for the summary before posting again");
    }

    @Test
    void timelinePartThatReachedSlackDespiteAFailureIsNotPostedAgain(RunningScribe bot) {
        bot.slack.delayNext("chat.postMessage", PASS);
        bot.slack.failAfterActingNext("chat.postMessage", "internal_error");
        close(bot);
        assertExactlyOnce(bot);
        assertTrue(bot.slack.callCount("conversations.replies") >= 1, "looked in the thread before posting again");
    }

    @Test
    void aCallThatHangsPastTheTimeoutButReachesSlackIsNotPostedAgain(RunningScribe bot) {
        // Slack posts the summary after the client gave up (the call timeout); the retry comes 2 s after that.
        bot.slack.delayNext("chat.postMessage", SLACK_CALL_TIMEOUT.plusMillis(500));
        close(bot);
        assertExactlyOnce(bot);
        assertTrue(bot.slack.callCount("conversations.history") >= 1, "looked for the summary before posting again");
    }

    @Test
    void outageThenSuccessPostsOnce(RunningScribe bot) {
        bot.slack.serverErrorNext("chat.postMessage");
        bot.slack.serverErrorNext("chat.postMessage");
        close(bot);
        assertExactlyOnce(bot);
    }

    @Test
    void fileSharedDespiteAFailureIsNotSharedAgain(RunningScribe bot) {
        bot.slack.failAfterActingNext("files.completeUploadExternal", "internal_error");
        close(bot);
        assertExactlyOnce(bot);
        assertEquals(1, bot.slack.callCount("files.getUploadURLExternal"), "the file is uploaded once, its id kept");
        assertTrue(bot.slack.callCount("files.info") >= 1, "checked whether the file was shared before sharing again");
    }

    @Test
    void restartInTheMiddleOfPostingResumesWithoutDuplicates(RunningScribe bot) throws Exception {
        bot.slack.delayNext("chat.postMessage", PASS);
        bot.slack.failNext("chat.postMessage", "internal_error");
        bot.command(ALICE, channel, "close");
        bot.slack.await(() -> bot.slack.calls("chat.postMessage").stream()
                .filter(c -> channel.equals(c.param("channel"))).count(), n -> n >= 3, WAIT);
        bot.restart();
        assertExactlyOnce(bot);
    }

    private void close(RunningScribe bot) {
        RunningScribe.Reply reply = bot.command(ALICE, channel, "close fixed the consumer");
        assertEquals(200, reply.ack().statusCode());
    }

    private void assertExactlyOnce(RunningScribe bot) {
        String markdown = bot.awaitReport(1).contentAsUtf8();
        bot.awaitOutboxEmpty();
        assertTrue(markdown.contains("Consumers are stuck on a poison message"));
        List<PostedMessage> summaries = bot.slack.await(() -> summaries(bot), s -> !s.isEmpty(), WAIT);
        List<PostedMessage> thread = bot.slack.await(() -> bot.slack.threadReplies(channel, summaries.get(0).ts()),
                t -> !t.isEmpty(), WAIT);
        assertEquals(1, summaries(bot).size(), bot.slack.callSummary());
        // Every stored timeline part is in the thread once, in order, and nothing else the bot posts is.
        List<String> parts = bot.storedPostTexts(1, "THREAD");
        assertTrue(parts.size() >= 2, "the timeline takes several messages: " + parts.size());
        assertEquals(parts.size(), parts.stream().distinct().count(), "each part says which it is: " + parts);
        assertEquals(parts, thread.stream().map(PostedMessage::text).toList(), bot.slack.callSummary());
        assertEquals(1, bot.slack.uploadedFiles().stream().filter(f -> f.filename().equals("incident-1-rca.md")).count(),
                bot.slack.callSummary());
    }

    private List<PostedMessage> summaries(RunningScribe bot) {
        return bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed")).toList();
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outbox's look-up before posting a summary again: it finds the earlier post behind a busy channel's newest
 * messages, and a rate limit on the look-up (a 429, or ok:false either way Slack spells it) means waiting and
 * looking again, never posting blind.
 */
class OutboxLookupTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults()
            .withIncident(ALICE, "Payments queue backlog");

    private List<PostedMessage> summaries(RunningScribe bot, String channel) {
        return bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed")).toList();
    }

    private void assertOneSummary(RunningScribe bot, String channel) {
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        assertEquals(1, summaries(bot, channel).size(), bot.slack.callSummary());
    }

    @Test
    void aSummaryBehindMoreThanAPageOfNewerMessagesIsFoundNotPostedAgain(RunningScribe bot, @IncidentChannel String channel) {
        bot.slack.failAfterActingNext("chat.postMessage", "internal_error");
        bot.command(ALICE, channel, "close");
        bot.slack.await(() -> summaries(bot, channel), s -> !s.isEmpty(), WAIT);
        // Before the retry (2 s later), the channel gets busy: the summary is no longer among the newest 100.
        for (int i = 0; i < 250; i++) {
            bot.slack.addMessage(channel, BOB, "after the summary " + i);
        }
        assertOneSummary(bot, channel);
        assertTrue(bot.slack.callCount("conversations.history") >= 2, "paged: " + bot.slack.callSummary());
        bot.slack.calls("conversations.history").forEach(c -> assertTrue(c.param("oldest") != null,
                "reads from the time the report was stored, not the whole channel"));
    }

    @Test
    void aLookUpAnsweredWith429WaitsAndLooksAgain(RunningScribe bot, @IncidentChannel String channel) {
        bot.slack.failAfterActingNext("chat.postMessage", "internal_error");
        bot.slack.rateLimitNext("conversations.history", 1);
        bot.command(ALICE, channel, "close");
        assertOneSummary(bot, channel);
        assertTrue(bot.slack.callCount("conversations.history") >= 2, bot.slack.callSummary());
    }

    @Test
    void aLookUpAnsweredOkFalseRateLimitedWaitsAndLooksAgain(RunningScribe bot, @IncidentChannel String channel) {
        // Some methods spell it rate_limited, others ratelimited: the same limit.
        bot.slack.failAfterActingNext("chat.postMessage", "internal_error");
        bot.slack.failNext("conversations.history", "rate_limited");
        bot.command(ALICE, channel, "close");
        assertOneSummary(bot, channel);
        assertTrue(bot.slack.callCount("conversations.history") >= 2, bot.slack.callSummary());
    }
}

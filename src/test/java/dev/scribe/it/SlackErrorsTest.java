package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slack refusing a call during a command's slow work: the person who asked is told what to do. */
class SlackErrorsTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void privateChannelWithoutTheBotSaysToInviteIt() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_CHANNEL_MODE", "here"), Clock.systemUTC());
        bot.slack.addPrivateChannel("G0SECRET", "secret-project", false);
        bot.slack.addMember("G0SECRET", ALICE);
        RunningScribe.Reply reply = bot.command(ALICE, "G0SECRET", "start Leaked credentials");
        assertEquals(200, reply.ack().statusCode());
        List<ResponseUrlPost> answers = bot.awaitAnswers(reply, 1);
        assertTrue(answers.get(0).text().contains("invite me with `/invite @Incident Scribe`"), answers.get(0).text());
        assertEquals("ephemeral", answers.get(0).responseType());
    }

    @Test
    void missingScopeAndRateLimitDuringStartAreExplained(RunningScribe bot) throws Exception {
        bot.slack.denyChannelCreation("missing_scope");
        RunningScribe.Reply fallback = bot.command(ALICE, RunningScribe.OPS, "start Scope check");
        assertTrue(bot.awaitAnswers(fallback, 1).get(0).text().contains("missing_scope"),
                "the fallback says why: " + bot.slack.responseUrlPosts(fallback.responseId()));
        bot.command(ALICE, RunningScribe.OPS, "close");
        bot.slack.allowChannelCreation();
        // The close's report posts first, so the injected failure below meets the header and nothing else.
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();

        bot.slack.failNext("chat.postMessage", "ratelimited");
        RunningScribe.Reply limited = bot.command(ALICE, RunningScribe.OPS, "start Rate limited header");
        List<ResponseUrlPost> answers = bot.awaitAnswers(limited, 1);
        assertTrue(answers.get(0).text().contains("rate-limiting me"), answers.get(0).text());
    }

    @Test
    void aReportPostSlackRefusesForGoodIsKeptTheCommanderToldAndPostedOnceOnRepost(RunningScribe bot) throws Exception {
        // channel_not_found is an answer no retry fixes (issue 17): the report waits for a person, who is told.
        String channel = bot.startIncident(ALICE, "Refused summary");
        bot.slack.failNext("chat.postMessage", "channel_not_found");
        bot.command(ALICE, channel, "close");
        String dm = bot.slack.await(() -> bot.slack.directMessageWith(ALICE), java.util.Optional::isPresent,
                RunningScribe.WAIT).orElseThrow();
        bot.slack.await(() -> bot.slack.topLevelMessages(dm), m -> !m.isEmpty(), RunningScribe.WAIT);
        assertTrue(bot.pendingPosts() > 0, "the report is kept");
        bot.command(ALICE, channel, "repost").assertEphemeral("Posting the rest of the report of incident 1 again now");
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        assertEquals(1, bot.slack.topLevelMessages(channel).stream()
                .filter(m -> m.text().startsWith("Incident 1 closed")).count(), bot.slack.callSummary());
        assertEquals(1, bot.slack.topLevelMessages(dm).size(), "told once");
    }
}

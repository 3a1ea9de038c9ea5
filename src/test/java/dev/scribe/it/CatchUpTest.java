package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.ApiCall;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Catching up after downtime: whatever people said, edited, deleted and reacted to while the bot was stopped or
 * killed is read back from Slack when it starts again, and the report holds it once, in order, with a line saying what
 * was recovered. Slack's paging and rate limits are followed, and a read cut short by a restart goes on where it
 * stopped.
 */
class CatchUpTest {

    @TempDir
    Path dir;

    @Test
    void whatWasSaidWhileTheBotWasStoppedIsReadBackOnceWhenItStarts() throws Exception {
        try (RunningScribe bot = RunningScribe.start(dir, CatchUpScenario.FAST, Clock.systemUTC())) {
            String channel = bot.startIncident(ALICE, "Checkout errors after deploy");
            CatchUpScenario scenario = new CatchUpScenario(bot.slack, channel, e -> bot.http().event(e));
            scenario.beforeTheGap();
            int calls = scenario.readBackCalls().size();
            bot.restart(scenario::duringTheGap);
            scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
            bot.awaitStored();
            assertEquals(9, bot.count("SELECT COUNT(*) FROM messages WHERE deleted_at_us IS NULL"));

            // Started again with nothing new: read again, nothing recorded twice, no second recovery line.
            calls = scenario.readBackCalls().size();
            bot.restart();
            scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
            bot.awaitStored();
            assertEquals(9, bot.count("SELECT COUNT(*) FROM messages WHERE deleted_at_us IS NULL"));

            bot.command(ALICE, channel, "close");
            scenario.assertReport(bot.awaitReport(1).contentAsUtf8());
            String summary = bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed"))
                    .findFirst().orElseThrow().blocksJson();
            assertTrue(summary.contains("4 messages recovered after the bot was unreachable from "), summary);
        }
    }

    @Test
    void whatWasSaidWhileTheBotWasKilledIsReadBackWhenItStarts() throws Exception {
        try (FakeSlackApi slack = RunningScribe.seededSlack()) {
            Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
            env.putAll(CatchUpScenario.FAST);
            CatchUpScenario scenario;
            try (BotProcess process = BotProcess.start(env, dir.resolve("bot.log"), List.of("-Xmx256m",
                    "-Dfile.encoding=UTF-8"))) {
                SignedClient client = new SignedClient(process.awaitListening(Duration.ofSeconds(60)), RunningScribe.SECRET,
                        Clock.systemUTC());
                String channel = RunningScribe.startIncident(slack, client, ALICE, "Killed mid-incident");
                scenario = new CatchUpScenario(slack, channel, client::event);
                scenario.beforeTheGap();
                process.kill();
            }
            scenario.duringTheGap();
            int calls = scenario.readBackCalls().size();
            try (RunningScribe bot = RunningScribe.startWith(slack, env)) {
                scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
                bot.command(ALICE, scenario.channel, "close");
                scenario.assertReport(bot.awaitReport(1).contentAsUtf8());
            }
        }
    }

    @Test
    void aHistoryOfSeveralPagesIsReadToTheEndThroughRateLimitsInTheMiddle() throws Exception {
        try (RunningScribe bot = RunningScribe.start(dir, CatchUpScenario.FAST, Clock.systemUTC())) {
            String channel = bot.startIncident(ALICE, "Busy channel");
            CatchUpScenario scenario = new CatchUpScenario(bot.slack, channel, e -> bot.http().event(e));
            String parent = scenario.live(ALICE, "the thread everyone replies in");
            int calls = scenario.readBackCalls().size();
            bot.restart(() -> {
                for (int i = 0; i < 450; i++) {
                    bot.slack.post(channel, i % 2 == 0 ? ALICE : BOB, "missed top-level " + i);
                }
                for (int i = 0; i < 250; i++) {
                    bot.slack.reply(channel, parent, BOB, "missed reply " + i);
                }
                // The second page of history answers 429; a page of replies answers ok:false ratelimited.
                bot.slack.passNext("conversations.history");
                bot.slack.rateLimitNext("conversations.history", 1);
                bot.slack.passNext("conversations.replies");
                bot.slack.rateLimitedOkFalseNext("conversations.replies", 1);
            });
            scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
            bot.awaitStored();
            assertEquals(701, bot.count("SELECT COUNT(*) FROM messages"));

            List<ApiCall> history = scenario.readBackCalls().subList(calls, scenario.readBackCalls().size());
            assertEquals(4, history.size(), "three pages of 200 and the one rate-limited: " + bot.slack.callSummary());
            assertEquals(null, history.get(0).param("cursor"));
            assertEquals(history.get(1).param("cursor"), history.get(2).param("cursor"), "the same page asked again");
            assertTrue(history.get(3).param("cursor") != null, "paged with Slack's cursor");
            history.forEach(c -> assertEquals("200", c.param("limit")));
            assertTrue(Duration.between(history.get(1).at(), history.get(2).at()).compareTo(Duration.ofMillis(950)) >= 0,
                    "Retry-After of 1 s honoured");
            List<ApiCall> replies = bot.slack.calls("conversations.replies");
            assertEquals(3, replies.size(), "two pages of replies and the one rate-limited: " + bot.slack.callSummary());
            assertTrue(Duration.between(replies.get(1).at(), replies.get(2).at()).compareTo(Duration.ofMillis(950)) >= 0);

            bot.command(ALICE, channel, "close");
            String markdown = bot.awaitReport(1).contentAsUtf8();
            List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
            assertEquals(701, transcript.size());
            List<String> expected = new ArrayList<>();
            expected.add("the thread everyone replies in");
            for (int i = 0; i < 450; i++) {
                expected.add("missed top-level " + i);
            }
            for (int i = 0; i < 250; i++) {
                expected.add("missed reply " + i);
            }
            for (int i = 0; i < expected.size(); i++) {
                assertTrue(transcript.get(i).endsWith(": " + expected.get(i)), transcript.get(i));
            }
            assertTrue(markdown.contains("_700 messages recovered after the bot was unreachable from "), markdown);
        }
    }

    @Test
    void aReadCutShortByARestartGoesOnWhereItStoppedAndTheHeaderSaysItIsCatchingUp() throws Exception {
        // Two calls a second: slow enough to stop the bot in the middle of the read.
        Map<String, String> slow = new HashMap<>(Map.of("SCRIBE_CATCH_UP_RATE", "120"));
        try (RunningScribe bot = RunningScribe.start(dir, slow, Clock.systemUTC())) {
            String channel = bot.startIncident(ALICE, "Restarted mid-read");
            CatchUpScenario scenario = new CatchUpScenario(bot.slack, channel, e -> bot.http().event(e));
            scenario.live(ALICE, "before the gap");
            String header = bot.slack.pinned(channel).get(0);
            int calls = scenario.readBackCalls().size();
            bot.restart(() -> {
                for (int i = 0; i < 650; i++) {
                    bot.slack.post(channel, BOB, "missed " + i);
                }
            });
            bot.slack.await(() -> bot.slack.message(channel, header).orElseThrow().blocksJson(),
                    blocks -> blocks.contains("Catching up"), WAIT);
            bot.slack.await(() -> CatchUpScenario.count(bot.dbUrl(), "", "",
                            "SELECT COUNT(*) FROM catch_ups WHERE resume_before_ts IS NOT NULL"),
                    n -> n == 1, WAIT);
            bot.restart();
            scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
            bot.awaitStored();
            assertEquals(651, bot.count("SELECT COUNT(*) FROM messages"));
            bot.slack.await(() -> bot.slack.message(channel, header).orElseThrow().blocksJson(),
                    blocks -> !blocks.contains("Catching up"), WAIT);

            // The first read after the restart started below what was read before it, not from the top.
            List<ApiCall> reads = scenario.readBackCalls().subList(calls, scenario.readBackCalls().size());
            List<ApiCall> fresh = reads.stream().filter(c -> c.param("cursor") == null).toList();
            assertTrue(fresh.size() >= 2, "a first read, and the one resumed: " + bot.slack.callSummary());
            assertEquals("0", fresh.get(1).param("inclusive"), "resumed below the last page read");
            assertTrue(fresh.get(1).param("latest").compareTo(fresh.get(0).param("latest")) < 0,
                    fresh.get(1).param("latest") + " after " + fresh.get(0).param("latest"));
        }
    }
}

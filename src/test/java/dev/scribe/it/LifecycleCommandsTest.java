package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Running an incident with commands: status, severity, lead, action, timeline, reopen, list, and bad input. */
class LifecycleCommandsTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_TIMEZONE", "Europe/London"))
            .withIncident(ALICE, "sev3 Webhooks delayed");

    @Test
    void badArgumentsSayWhatIsAcceptedAndRecordNothing(RunningScribe bot, @IncidentChannel String channel) throws Exception {
        Map<String, Long> before = bot.tableCounts();
        bot.command(ALICE, channel, "status sleeping").assertEphemeral("investigating");
        bot.command(ALICE, channel, "sev 9").assertEphemeral("1");
        bot.command(ALICE, channel, "at 25:99 something").assertEphemeral("HH:MM");
        bot.command(ALICE, channel, "at 2999-01-01 10:00 from the future").assertEphemeral("future");
        bot.command(ALICE, channel, "at 1600-01-01 00:00 from long ago")
                .assertEphemeral("` is before 2013-01-01, older than any Slack workspace; check the year.");
        bot.command(ALICE, channel, "at yesterday deploy").assertEphemeral("HH:MM");
        bot.command(ALICE, channel, "lead nobody").assertEphemeral("@");
        bot.command(ALICE, channel, "action").assertEphemeral("action");
        bot.command(ALICE, channel, "reopen").assertEphemeral("open");
        // Notes, at texts, actions and resolutions: at most 3,000 characters (counted as characters, not UTF-16 units).
        String tooLong = "🔥".repeat(3001);
        bot.command(ALICE, channel, "note " + tooLong).assertEphemeral("is 3001 characters long; the limit is 3000.");
        bot.command(ALICE, channel, "action " + tooLong).assertEphemeral("is 3001 characters long; the limit is 3000.");
        bot.command(ALICE, channel, "close " + tooLong).assertEphemeral("is 3001 characters long; the limit is 3000.");
        assertEquals(before, bot.tableCounts(), "bad input records nothing");
        bot.command(ALICE, channel, "note " + "🔥".repeat(3000)).assertInChannel("");
        assertEquals(before.get("TIMELINE_ENTRIES") + 1, bot.tableCounts().get("TIMELINE_ENTRIES"), "3,000 is allowed");
    }

    @Test
    void statusSeverityLeadAndActionsBecomeTimelineEntriesAndKeepTheHeaderCurrent(RunningScribe bot, @IncidentChannel String channel) {
        String header = bot.slack.pinned(channel).get(0);
        bot.command(ALICE, channel, "status identified").assertInChannel("Identified");
        bot.command(ALICE, channel, "sev 1").assertInChannel("SEV1");
        bot.command(ALICE, channel, "lead <@" + BOB + "|bob>").assertInChannel("<@" + BOB + ">");
        bot.command(ZOE, channel, "action Add a queue-depth alert <@" + ZOE + "|zoe>").assertInChannel("Add a queue-depth alert");
        bot.slack.await(() -> bot.slack.message(channel, header).orElseThrow().blocksJson(),
                blocks -> blocks.contains("*Severity*\\nSEV1") && blocks.contains("*Commander*  \\u003c@" + BOB + "\\u003e")
                        && blocks.contains("*Status*\\nIdentified"), RunningScribe.WAIT);

        RunningScribe.Reply timeline = bot.command(BOB, channel, "timeline");
        assertEquals(200, timeline.ack().statusCode());
        List<ResponseUrlPost> shown = bot.awaitAnswers(timeline, 1);
        assertEquals("ephemeral", shown.get(0).responseType(), "the timeline goes to the caller only");
        String blocks = shown.get(0).json();
        assertTrue(blocks.contains("Status") && blocks.contains("identified"), blocks);
        assertTrue(blocks.contains("Severity") && blocks.contains("Add a queue-depth alert"), blocks);

        RunningScribe.Reply list = bot.command(ALICE, OPS, "list");
        list.assertEphemeral("Webhooks delayed");

        bot.command(BOB, channel, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        // The summary table holds the severity and commander in force at the close, not those it was opened with.
        String summary = IncidentReplayTest.section(markdown, "Summary");
        assertTrue(summary.contains("| Severity | SEV1 |"), summary);
        assertTrue(summary.contains("| Commander | @Bob |"), summary);
        assertTrue(markdown.contains("| Add a queue-depth alert | @Zoë 🦊 | /incident action by @Zoë 🦊 at "), markdown);
        String timelineSection = IncidentReplayTest.section(markdown, "Timeline");
        for (String kind : List.of("| Status | @Alice | identified |", "| Severity | @Alice | SEV1 |", "| Commander | @Alice | @Bob |")) {
            assertTrue(timelineSection.contains(kind), kind + " in " + timelineSection);
        }
    }

    @Test
    void backdatedEntryWithEmojiSetsItsKind(RunningScribe bot, @IncidentChannel String channel) {
        // HH:MM means the latest such time that is not in the future, in SCRIBE_TIMEZONE.
        Instant tenMinutesAgo = Instant.now().minusSeconds(600);
        String hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                .format(tenMinutesAgo.atZone(java.time.ZoneId.of("Europe/London")));
        bot.command(ALICE, channel, "at " + hhmm + " :boom: deploy of v2.41 to prod").assertInChannel("Trigger");
        bot.command(ALICE, channel, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        assertTrue(IncidentReplayTest.section(markdown, "Timeline").contains("| " + hhmm + " | Trigger | @Alice | deploy of v2.41 to prod |"),
                markdown);
        assertTrue(IncidentReplayTest.section(markdown, "Key timings").contains("| Triggered |"), markdown);
    }

    @Test
    void reopenRecordsAgainAndTheSecondCloseIsASecondReport(RunningScribe bot, @IncidentChannel String channel) {
        long t = Instant.now().getEpochSecond();
        bot.say(channel, ALICE, SlackPayloads.ts(t - 30, 1), null, "before the first close");
        bot.command(ALICE, channel, "close");
        bot.awaitReport(1);
        bot.say(channel, ALICE, SlackPayloads.ts(t - 20, 2), null, "said while closed, not recorded");
        bot.command(BOB, channel, "reopen").assertInChannel("reopened");
        bot.say(channel, BOB, SlackPayloads.ts(t - 10, 3), null, "it came back");
        bot.command(BOB, channel, "close");
        List<String> reports = bot.slack.await(() -> bot.slack.uploadedFiles().stream()
                .filter(f -> f.filename().equals("incident-1-rca.md")).map(f -> f.contentAsUtf8()).toList(),
                r -> r.size() == 2, RunningScribe.WAIT);
        assertTrue(reports.get(1).contains("it came back") && reports.get(1).contains("before the first close"));
        assertTrue(!reports.get(1).contains("said while closed"), reports.get(1));
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The announcement in the channel an incident was started from (issue 14, defect 7): it says the severity and
 * status the incident has now, not those it was opened with, through rate limits too.
 */
class IncidentAnnouncementTest {

    private static final String GENERAL = "C0GENERAL";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @BeforeEach
    void addGeneral(RunningScribe bot) {
        bot.slack.addChannel(GENERAL, "general");
        bot.slack.addMember(GENERAL, ALICE);
    }

    /** Starts an incident from #general and returns its own channel. */
    private static String startFromGeneral(RunningScribe bot, String title) {
        RunningScribe.Reply start = bot.command(ALICE, GENERAL, "start " + title);
        start.assertEphemeral("Opening an incident channel");
        return bot.slack.await(bot::incidentChannels, c -> !c.isEmpty(), WAIT).get(0).id();
    }

    private static String announcementText(RunningScribe bot, String ts) {
        return bot.slack.message(GENERAL, ts).orElseThrow().text();
    }

    private static String awaitAnnouncement(RunningScribe bot, String ts, String expected) {
        return bot.slack.await(() -> announcementText(bot, ts), t -> t.contains(expected), WAIT);
    }

    @Test
    void afterSev1TheAnnouncementInGeneralSaysSev1AndThenTheStatusAndTheClose(RunningScribe bot) {
        String channel = startFromGeneral(bot, "Checkout errors");
        PostedMessage announcement = bot.awaitAnnouncement(GENERAL, channel);
        assertEquals(":rotating_light: <@" + ALICE + "> opened *incident 1*: Checkout errors (SEV3) in <#" + channel + ">",
                announcement.text());

        bot.command(BOB, channel, "sev 1").assertInChannel("set the severity to *SEV1*");
        assertEquals(":rotating_light: <@" + ALICE + "> opened *incident 1*: Checkout errors (SEV1) in <#" + channel + ">",
                awaitAnnouncement(bot, announcement.ts(), "(SEV1)"));
        assertTrue(bot.slack.message(GENERAL, announcement.ts()).orElseThrow().blocksJson().contains("(SEV1)"),
                "the blocks say it too");

        bot.command(BOB, channel, "status identified");
        assertTrue(awaitAnnouncement(bot, announcement.ts(), "· *Identified*").contains("(SEV1)"));
        bot.command(BOB, channel, "close");
        awaitAnnouncement(bot, announcement.ts(), "· *Closed*");

        assertEquals(1, bot.slack.topLevelMessages(GENERAL).size(), "one announcement, updated, not posted again");
        bot.awaitReport(1);
    }

    @Test
    void aRateLimitedUpdateIsMadeOnceTheLimitHasPassed(RunningScribe bot) {
        String channel = startFromGeneral(bot, "Checkout errors");
        String ts = bot.awaitAnnouncement(GENERAL, channel).ts();
        String headerTs = bot.slack.await(() -> bot.slack.pinned(channel), p -> !p.isEmpty(), WAIT).get(0);
        // The header's update and the announcement's are both refused, with Retry-After: 1.
        bot.slack.rateLimitNext("chat.update", 1);
        bot.slack.rateLimitNext("chat.update", 1);
        bot.command(BOB, channel, "sev 2").assertInChannel("SEV2");
        awaitAnnouncement(bot, ts, "(SEV2)");
        bot.slack.await(() -> bot.slack.message(channel, headerTs).orElseThrow().blocksJson(), b -> b.contains("*Severity*\\nSEV2"), WAIT);
        List<String> updates = bot.slack.calls("chat.update").stream().map(c -> c.param("ts")).toList();
        assertTrue(updates.size() >= 4, "two refused, then both again: " + bot.slack.callSummary());
    }

    @Test
    void whereTheBotCannotPostTheCommandsAnswerAnnouncesItAsBefore(RunningScribe bot) {
        bot.slack.addChannel("C0QUIET", "quiet", false);
        bot.slack.addMember("C0QUIET", ALICE);
        RunningScribe.Reply start = bot.command(ALICE, "C0QUIET", "start Checkout errors");
        String answer = bot.awaitAnswers(start, 1).get(0).text();
        String channel = bot.incidentChannels().get(0).id();
        assertEquals(":rotating_light: <@" + ALICE + "> opened *incident 1*: Checkout errors (SEV3) in <#" + channel + ">",
                answer);
        assertEquals("in_channel", bot.slack.responseUrlPosts(start.responseId()).get(0).responseType());
    }
}

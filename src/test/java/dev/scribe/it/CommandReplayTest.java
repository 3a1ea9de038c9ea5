package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same signed slash command request sent again, as a replay within the signature's five minutes: Slack gives
 * every invocation its own trigger_id, so a second request with one is acknowledged and changes nothing.
 */
class CommandReplayTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void theSameStartSentTwiceOpensOneIncidentAndOneChannel(RunningScribe bot) throws Exception {
        String form = SlackPayloads.slashCommand(ALICE, OPS, "start Replayed outage", bot.slack.responseUrl("replayed-start"));
        HttpResponse<String> first = bot.http().command(form);
        HttpResponse<String> replay = bot.http().command(form);
        assertEquals(200, first.statusCode(), first.body());
        assertTrue(first.body().contains("Opening an incident channel"), first.body());
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals("", replay.body(), "a replay is acknowledged with nothing to show");

        // Stopping finishes the work handed to the workers: a second start taken in would have its channel now.
        bot.restart();
        assertEquals(1, bot.incidentChannels().size(), bot.slack.callSummary());
        assertEquals(1L, bot.tableCounts().get("INCIDENTS"));
        assertEquals(1, bot.slack.topLevelMessages(OPS).stream().filter(m -> m.text().contains("opened *incident")).count()
                + bot.slack.responseUrlPosts("replayed-start").size(), "one announcement");
    }

    @Test
    void theSameNoteSentTwiceLandsOnce(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Replayed note");
        long entries = bot.tableCounts().get("TIMELINE_ENTRIES");
        String form = SlackPayloads.slashCommand(BOB, channel, "note rolled back v2.41", bot.slack.responseUrl("replayed-note"));
        assertTrue(bot.http().command(form).body().contains("Note added"));
        HttpResponse<String> replay = bot.http().command(form);
        assertEquals(200, replay.statusCode(), replay.body());
        assertEquals("", replay.body());
        assertEquals(entries + 1, bot.tableCounts().get("TIMELINE_ENTRIES"));
    }

    @Test
    void theSameTextInvokedTwiceIsTwoCommands(RunningScribe bot) throws Exception {
        // Two invocations (two trigger ids) of the same text are two notes: only a replayed request is refused.
        String channel = bot.startIncident(ALICE, "Said twice");
        long entries = bot.tableCounts().get("TIMELINE_ENTRIES");
        bot.command(BOB, channel, "note still failing").assertInChannel("still failing");
        bot.command(BOB, channel, "note still failing").assertInChannel("still failing");
        assertEquals(entries + 2, bot.tableCounts().get("TIMELINE_ENTRIES"));
    }

    @Test
    void aRequestWithoutATriggerIdIsHandledAsAnyOther(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "No trigger id");
        long entries = bot.tableCounts().get("TIMELINE_ENTRIES");
        String form = SlackPayloads.slashCommand(BOB, channel, "note no trigger id", bot.slack.responseUrl("no-trigger"))
                .replaceAll("&trigger_id=[^&]*", "");
        assertTrue(!form.contains("trigger_id"), form);
        assertTrue(bot.http().command(form).body().contains("Note added"));
        assertTrue(bot.http().command(form).body().contains("Note added"));
        assertEquals(entries + 2, bot.tableCounts().get("TIMELINE_ENTRIES"));
    }

    @Test
    void replaysAreRememberedAcrossARestart(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Replayed after a restart");
        String form = SlackPayloads.slashCommand(BOB, channel, "note before the restart", bot.slack.responseUrl("restart"));
        assertTrue(bot.http().command(form).body().contains("Note added"));
        bot.restart();
        long entries = bot.tableCounts().get("TIMELINE_ENTRIES");
        assertEquals("", bot.http().command(form).body());
        assertEquals(entries, bot.tableCounts().get("TIMELINE_ENTRIES"));
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.slack.view.AddToTimelineModal;
import dev.scribe.testing.FakeSlackApi;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The "Add to incident timeline" message shortcut through the real servlet: a message of another channel (one the
 * bot is not in) becomes an entry at its own time and sets a key timing; one of the incident's channel is a mark;
 * the same message twice is one entry; with no incident open the modal says how to declare one.
 */
class AddToTimelineShortcutTest {

    static final String ALERTS = "C0ALERTS";
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults().withIncident(ALICE, "Checkout errors");

    /** An alert in #alerts, which the bot is not in, some minutes before the incident started. */
    static String alert(FakeSlackApi slack, long secondsAgo, String text) {
        slack.addChannel(ALERTS, "alerts", false);
        String ts = (Instant.now().getEpochSecond() - secondsAgo) + ".000100";
        slack.addMessage(ALERTS, ts, null, BOB, text);
        return ts;
    }

    /** Uses the shortcut on a message and returns the form it opened. */
    static FakeSlackApi.View shortcut(RunningScribe bot, String user, String channel, String author, String ts,
                                      String text, String responseId) {
        int before = bot.slack.views().size();
        HttpResponse<String> ack = bot.http().interaction(Interactions.messageShortcut(user, AddToTimelineModal.SHORTCUT,
                channel, "somewhere", author, ts, null, text, bot.slack.responseUrl(responseId)));
        assertEquals(200, ack.statusCode(), ack.body());
        bot.slack.await(() -> bot.slack.views().size(), n -> n > before, WAIT);
        return bot.slack.views().get(before);
    }

    static String said(RunningScribe bot, String responseId) {
        return bot.slack.await(() -> bot.slack.responseUrlPosts(responseId), posts -> !posts.isEmpty(), WAIT).get(0).text();
    }

    @Test
    void anAlertFromAnotherChannelSetsDetectedAtItsOwnTimeWithItsAuthorTextAndLink(RunningScribe bot,
                                                                                    @IncidentChannel String channel) {
        String ts = alert(bot.slack, 600, "<!channel> checkout 5xx &gt; 2% <https://grafana.example/d/1|dashboard>");
        FakeSlackApi.View form = shortcut(bot, BOB, ALERTS, BOB, ts, "<!channel> checkout 5xx &gt; 2% "
                + "<https://grafana.example/d/1|dashboard>", "sc-1");
        assertEquals(AddToTimelineModal.CALLBACK_ID, form.callbackId());
        assertTrue(form.allText().contains("@channel checkout 5xx &gt; 2%"), "the message quoted, pinging nobody: " + form.allText());
        assertTrue(!form.json().getAsJsonArray("blocks").toString().contains("<!channel>"), form.json().toString());

        HttpResponse<String> submitted = bot.http().interaction(ViewForm.of(form).select(AddToTimelineModal.INCIDENT_BLOCK, "1")
                .select(AddToTimelineModal.KIND_BLOCK, "DETECTED").text(AddToTimelineModal.NOTE_BLOCK, "the first page")
                .submission(BOB));
        assertEquals(200, submitted.statusCode(), submitted.body());
        assertTrue(submitted.body().isEmpty() || !submitted.body().contains("errors"), submitted.body());
        assertTrue(said(bot, "sc-1").contains("Added to the timeline of *incident 1* as Detected"));
        String link = FakeSlackApi.WORKSPACE_URL + "archives/" + ALERTS + "/p" + ts.replace(".", "");
        bot.slack.await(() -> bot.slack.calls("chat.getPermalink").size(), n -> n >= 1, WAIT);

        bot.command(ALICE, channel, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        String detected = SHOWN.format(Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0])));
        assertTrue(markdown.contains("| Detected | " + detected + " UTC | marked |"), markdown);
        String timelineRow = markdown.lines().filter(l -> l.contains("checkout 5xx")).findFirst().orElseThrow();
        assertTrue(timelineRow.contains("Detected") && timelineRow.contains("@Bob") && timelineRow.contains(link)
                && timelineRow.contains("the first page") && timelineRow.contains("@channel")
                && !timelineRow.contains("<!channel>"), timelineRow);
    }

    @Test
    void theSameMessageTwiceIsOneEntry(RunningScribe bot) throws Exception {
        String ts = alert(bot.slack, 300, "disk full on db-2");
        for (String id : List.of("first", "second")) {
            FakeSlackApi.View form = shortcut(bot, BOB, ALERTS, BOB, ts, "disk full on db-2", id);
            assertEquals(200, bot.http().interaction(ViewForm.of(form).select(AddToTimelineModal.INCIDENT_BLOCK, "1")
                    .select(AddToTimelineModal.KIND_BLOCK, "TRIGGER").submission(BOB)).statusCode());
        }
        assertTrue(said(bot, "second").contains("already; nothing changed"), said(bot, "second"));
        assertEquals(1, bot.count("SELECT COUNT(*) FROM timeline_messages WHERE channel_id = ? AND ts = ?", ALERTS, ts));
    }

    @Test
    void aRecordedMessageOfTheIncidentsChannelIsMarkedByWhoeverUsedTheShortcut(RunningScribe bot,
                                                                               @IncidentChannel String channel)
            throws Exception {
        String ts = SlackPayloadsTs.now(-30);
        bot.say(channel, BOB, ts, null, "rolled back to 2.40");
        bot.awaitStored();
        FakeSlackApi.View form = shortcut(bot, ALICE, channel, BOB, ts, "rolled back to 2.40", "mark");
        JsonObject incidentSelect = inputElement(form, AddToTimelineModal.INCIDENT_BLOCK);
        assertEquals("1", incidentSelect.getAsJsonObject("initial_option").get("value").getAsString(),
                "the channel's own incident is preselected");

        assertEquals(200, bot.http().interaction(ViewForm.of(form).select(AddToTimelineModal.KIND_BLOCK, "MITIGATED")
                .submission(ALICE)).statusCode());
        assertTrue(said(bot, "mark").contains("Marked as Mitigated"), said(bot, "mark"));
        assertEquals(1, bot.count("SELECT COUNT(*) FROM marks WHERE ts = ? AND user_id = ? AND kind = 'MITIGATED'", ts, ALICE));
        assertEquals(0, bot.count("SELECT COUNT(*) FROM timeline_messages"));

        bot.command(ALICE, channel, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        String mitigated = SHOWN.format(Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0])));
        assertTrue(markdown.contains("| Mitigated | " + mitigated + " UTC | marked |"), markdown);
    }

    @Test
    void aClosedIncidentIsAnInlineErrorAndNothingIsAdded(RunningScribe bot, @IncidentChannel String channel)
            throws Exception {
        String ts = alert(bot.slack, 120, "latency p99 4s");
        FakeSlackApi.View form = shortcut(bot, BOB, ALERTS, BOB, ts, "latency p99 4s", "late");
        bot.command(ALICE, channel, "close");
        HttpResponse<String> submitted = bot.http().interaction(ViewForm.of(form).select(AddToTimelineModal.INCIDENT_BLOCK, "1")
                .submission(BOB));
        assertEquals(200, submitted.statusCode());
        JsonObject body = JsonParser.parseString(submitted.body()).getAsJsonObject();
        assertEquals("errors", body.get("response_action").getAsString());
        assertEquals("Incident 1 is closed; `/incident reopen` in its channel to continue.",
                body.getAsJsonObject("errors").get(AddToTimelineModal.INCIDENT_BLOCK).getAsString());
        assertEquals(0, bot.count("SELECT COUNT(*) FROM timeline_messages"));
    }

    @Test
    void malformedPayloadsGetA4xxOrAnInlineErrorNeverA5xx(RunningScribe bot) throws Exception {
        String ts = alert(bot.slack, 60, "cpu 100%");
        JsonObject noMessage = JsonParser.parseString(Interactions.messageShortcut(BOB, AddToTimelineModal.SHORTCUT, ALERTS,
                "alerts", BOB, ts, null, "cpu", bot.slack.responseUrl("x"))).getAsJsonObject();
        noMessage.remove("message");
        noMessage.remove("message_ts");
        assertEquals(400, bot.http().interaction(noMessage.toString()).statusCode());

        FakeSlackApi.View form = shortcut(bot, BOB, ALERTS, BOB, ts, "cpu 100%", "bad");
        String tooLong = "n".repeat(AddToTimelineModal.MAX_NOTE + 1);
        HttpResponse<String> longNote = bot.http().interaction(ViewForm.of(form).select(AddToTimelineModal.INCIDENT_BLOCK, "1")
                .text(AddToTimelineModal.NOTE_BLOCK, tooLong).bypassingTheClient().submission(BOB));
        assertEquals(200, longNote.statusCode());
        assertTrue(longNote.body().contains("\"" + AddToTimelineModal.NOTE_BLOCK + "\""), longNote.body());

        JsonObject forged = JsonParser.parseString(ViewForm.of(form).select(AddToTimelineModal.INCIDENT_BLOCK, "1")
                .submission(BOB)).getAsJsonObject();
        forged.getAsJsonObject("view").addProperty("private_metadata", "{not json");
        HttpResponse<String> expired = bot.http().interaction(forged.toString());
        assertEquals(200, expired.statusCode());
        assertTrue(expired.body().contains("expired"), expired.body());

        JsonObject noView = JsonParser.parseString(ViewForm.of(form).bypassingTheClient().submission(BOB)).getAsJsonObject();
        noView.getAsJsonObject("view").remove("state");
        int status = bot.http().interaction(noView.toString()).statusCode();
        assertTrue(status == 200 || status / 100 == 4, "missing state: " + status);
        JsonObject unknown = JsonParser.parseString(ViewForm.of(form).bypassingTheClient().submission(BOB)).getAsJsonObject();
        unknown.getAsJsonObject("view").addProperty("callback_id", "no_such_form");
        int unknownStatus = bot.http().interaction(unknown.toString()).statusCode();
        assertTrue(unknownStatus / 100 == 4, "unknown callback: " + unknownStatus);
        assertEquals(0, bot.count("SELECT COUNT(*) FROM timeline_messages"));
    }

    static JsonObject inputElement(FakeSlackApi.View view, String blockId) {
        for (var b : view.json().getAsJsonArray("blocks")) {
            JsonObject block = b.getAsJsonObject();
            if (block.has("block_id") && blockId.equals(block.get("block_id").getAsString())) {
                return block.getAsJsonObject("element");
            }
        }
        throw new AssertionError("no block " + blockId);
    }

    /** Message ts relative to now, as the tests' messages need them. */
    static final class SlackPayloadsTs {
        static String now(int secondsFromNow) {
            return SlackPayloads.ts(Instant.now().getEpochSecond() + secondsFromNow, 1);
        }
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A report whose channel was archived right after the close (issue 17, part 3): the commander gets one direct message
 * saying what happened and what to do, with the RCA Markdown; the retro channel is told too; the outbox stops trying
 * the channel, across a restart; /healthz says so; and {@code /incident repost} posts the rest once the channel is back.
 */
class UndeliverableReportTest {

    private static final String RETRO = "C0RETRO";

    private final MovableClock clock = new MovableClock();

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_RETRO_CHANNEL", RETRO))
            .withClock(clock);

    @Test
    void aReportWhoseChannelWasArchivedAfterCloseReachesTheCommanderOnceWithItsFile(RunningScribe bot) throws Exception {
        bot.slack.addChannel(RETRO, "retros");
        String channel = bot.startIncident(ALICE, "Checkout errors after deploy");
        long t = System.currentTimeMillis() / 1000 - 60;
        bot.say(channel, BOB, SlackPayloads.ts(t, 1), null, "Rolled back to v2.40, errors falling");
        // The summary reaches Slack two seconds after the close, by when someone has archived the channel.
        bot.slack.delayNext("chat.postMessage", Duration.ofSeconds(2));
        assertEquals(200, bot.command(ALICE, channel, "close rolled back").ack().statusCode());
        bot.slack.archiveChannel(channel);

        String dm = bot.slack.await(() -> bot.slack.directMessageWith(ALICE), Optional::isPresent, WAIT).orElseThrow();
        UploadedFile file = bot.slack.await(() -> filesIn(bot, dm), files -> !files.isEmpty(), WAIT).get(0);
        List<PostedMessage> notices = bot.slack.topLevelMessages(dm);
        assertEquals(1, notices.size(), bot.slack.callSummary());
        String notice = notices.get(0).blocksJson();
        for (String expected : List.of("incident 1", "Checkout errors after deploy", "<#" + channel + ">", "`is_archived`",
                "unarchive", "`/incident repost 1`", "Nothing is lost")) {
            assertTrue(notice.contains(expected), expected + " in " + notice);
        }
        assertEquals("incident-1-rca.md", file.filename());
        assertEquals(notices.get(0).ts(), file.threadTs(), "the file in the notice's thread");
        assertTrue(file.contentAsUtf8().startsWith("# Incident 1: Checkout errors after deploy"), file.contentAsUtf8());
        assertTrue(file.contentAsUtf8().contains("Rolled back to v2.40, errors falling"));

        List<PostedMessage> retro = bot.slack.await(() -> bot.slack.topLevelMessages(RETRO), m -> m.size() >= 2, WAIT);
        assertTrue(retro.stream().anyMatch(m -> m.text().startsWith("Incident 1 closed")), "the retro copy still goes out");
        assertTrue(retro.stream().anyMatch(m -> m.text().contains("could not be posted in <#" + channel + ">")),
                "the retro channel is told: " + retro);

        JsonObject health = bot.slack.await(() -> health(bot), h -> h.get("degraded").getAsBoolean(), WAIT);
        assertEquals("ok", health.get("status").getAsString());
        JsonObject outbox = health.getAsJsonObject("outbox");
        assertTrue(outbox.get("pending_posts").getAsLong() >= 3, "summary, timeline and file wait: " + health);
        assertFalse(outbox.get("oldest_pending_since").isJsonNull(), health.toString());
        JsonObject parked = outbox.getAsJsonArray("undeliverable").get(0).getAsJsonObject();
        assertEquals(1, parked.get("incident").getAsInt());
        assertEquals(channel, parked.get("channel").getAsString());
        assertEquals("chat.postMessage: is_archived", parked.get("error").getAsString());
        assertEquals(200, bot.http().get("/healthz").statusCode(), "degraded, not down");

        // An hour later and after a restart, any retry would long be due; another report going out whole shows the
        // outbox has run since. The archived channel was not tried again and nobody was told twice.
        long tries = postsTo(bot, channel);
        clock.set(clock.instant().plus(Duration.ofHours(1)));
        bot.restart();
        String second = bot.startIncident(BOB, "Search latency");
        assertEquals(200, bot.command(BOB, second, "close").ack().statusCode());
        bot.awaitReport(2);
        assertEquals(tries, postsTo(bot, channel), bot.slack.callSummary());
        assertEquals(1, bot.slack.topLevelMessages(dm).size(), "told once");
        assertEquals(1, filesIn(bot, dm).size());

        bot.slack.unarchiveChannel(channel);
        RunningScribe.Reply reply = bot.command(ALICE, dm, "repost 1");
        reply.assertEphemeral("Posting the rest of the report of incident 1 again now");
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        assertEquals(1, bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed"))
                .count(), bot.slack.callSummary());
        assertEquals(1, bot.slack.uploadedFiles().stream().filter(f -> channel.equals(f.channelId())).count());
        assertFalse(health(bot).get("degraded").getAsBoolean(), health(bot).toString());
        assertEquals(1, bot.slack.topLevelMessages(dm).size(), "a repost that works tells nobody anything");
    }

    @Test
    void repostOfAReportAlreadyPostedSaysSoAndOfAnOpenIncidentToo(RunningScribe bot) {
        bot.slack.addChannel(RETRO, "retros");
        String channel = bot.startIncident(ALICE, "Queue backlog");
        bot.command(ALICE, channel, "repost").assertEphemeral("Incident 1 is open; its report is posted when it closes.");
        assertEquals(200, bot.command(ALICE, channel, "close").ack().statusCode());
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        bot.command(ALICE, channel, "repost").assertEphemeral("Every part of the report of incident 1 is posted already.");
        bot.command(ALICE, channel, "repost 9").assertEphemeral("There is no incident 9.");
        bot.command(ALICE, channel, "repost nine").assertEphemeral("`nine` is not an incident number");
    }

    private static List<UploadedFile> filesIn(RunningScribe bot, String channel) {
        return bot.slack.uploadedFiles().stream().filter(f -> channel.equals(f.channelId())).toList();
    }

    private static long postsTo(RunningScribe bot, String channel) {
        return bot.slack.calls("chat.postMessage").stream().filter(c -> channel.equals(c.param("channel"))).count()
                + bot.slack.calls("files.completeUploadExternal").stream()
                        .filter(c -> channel.equals(c.param("channel_id"))).count();
    }

    private static JsonObject health(RunningScribe bot) {
        HttpResponse<String> response = bot.http().get("/healthz");
        return JsonParser.parseString(response.body()).getAsJsonObject();
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README promises of what Slack sends: a reply also sent to the channel, a file share and a {@code /me} message are
 * recorded like any message; the {@code url_verification} challenge Slack sends when the event URL is set is answered.
 */
class EventKindsTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    /** A message event of {@code subtype}, with {@code extra} fields as Slack adds them for it. */
    private static String withSubtype(String message, String subtype, JsonObject extra) {
        JsonObject envelope = JsonParser.parseString(message).getAsJsonObject();
        JsonObject event = envelope.getAsJsonObject("event");
        event.addProperty("subtype", subtype);
        extra.entrySet().forEach(e -> event.add(e.getKey(), e.getValue()));
        return envelope.toString();
    }

    @Test
    void threadBroadcastsFileSharesAndMeMessagesAreRecorded(RunningScribe bot) {
        String channel = bot.startIncident(ALICE, "Event kinds");
        long t = System.currentTimeMillis() / 1000 - 120;
        String root = SlackPayloads.ts(t, 1);
        bot.say(channel, ALICE, root, null, "Root of the thread");

        JsonObject broadcast = new JsonObject();
        broadcast.add("root", JsonParser.parseString("{\"ts\":\"" + root + "\",\"user\":\"" + ALICE + "\",\"text\":\"Root of the thread\"}"));
        bot.event(withSubtype(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB, SlackPayloads.ts(t + 10, 2), root,
                "Rolled back, also sent to the channel"), "thread_broadcast", broadcast));

        JsonObject file = new JsonObject();
        JsonArray files = new JsonArray();
        files.add(JsonParser.parseString("{\"id\":\"F0GRAPH\",\"name\":\"latency.png\",\"mimetype\":\"image/png\"}"));
        file.add("files", files);
        file.addProperty("upload", true);
        bot.event(withSubtype(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE, SlackPayloads.ts(t + 20, 3), null,
                "Latency graph of the last hour"), "file_share", file));

        bot.event(withSubtype(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB, SlackPayloads.ts(t + 30, 4), null,
                "is paging the database team"), "me_message", new JsonObject()));

        bot.command(ALICE, channel, "close");
        List<String> transcript = IncidentFlowTest.transcriptLines(bot.awaitReport(1).contentAsUtf8());
        List<String> expected = List.of("Root of the thread", "Rolled back, also sent to the channel",
                "Latency graph of the last hour", "is paging the database team");
        assertEquals(expected.size(), transcript.size(), transcript.toString());
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(transcript.get(i).endsWith(expected.get(i)), expected.get(i) + " in " + transcript);
        }
    }

    @Test
    void urlVerificationIsAnsweredWithItsChallenge(RunningScribe bot) {
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}";
        HttpResponse<String> r = bot.http().event(body);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), r.body());
    }
}

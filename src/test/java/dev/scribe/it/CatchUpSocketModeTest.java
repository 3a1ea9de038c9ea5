package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second trigger: when the Socket Mode connection drops and Slack's client connects again, what was said while it
 * was down (events Slack could not deliver) is read back.
 */
class CatchUpSocketModeTest {

    @TempDir
    Path dir;
    FakeSlackApi slack;
    SocketModeTest.SlackSide socket;
    RunningScribe bot;

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        if (socket != null) {
            socket.stop(1000);
        }
        if (slack != null) {
            slack.close();
        }
    }

    @Test
    void whatWasSaidWhileTheSocketWasDownIsReadBackWhenItConnectsAgain() throws Exception {
        slack = RunningScribe.seededSlack();
        socket = new SocketModeTest.SlackSide();
        socket.start();
        assertTrue(socket.started.await(10, TimeUnit.SECONDS));
        AtomicInteger links = new AtomicInteger();
        slack.enableSocketMode(SocketModeTest.APP_TOKEN,
                () -> "ws://127.0.0.1:" + socket.getPort() + "/link/" + links.incrementAndGet());
        Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", SocketModeTest.APP_TOKEN);
        env.putAll(CatchUpScenario.FAST);
        bot = RunningScribe.startWith(slack, env);

        WebSocket first = socket.awaitConnection(1);
        socket.hello(first);
        socket.sendAndAwaitAck(first, "slash_commands", command(ALICE, RunningScribe.OPS, "start Socket drops"));
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                Optional::isPresent, WAIT).orElseThrow().id();
        slack.await(() -> slack.members(channel), m -> m.contains(ALICE), WAIT);
        String ts = slack.post(channel, ALICE, "heard over the socket");
        socket.sendAndAwaitAck(first, "events_api", JsonParser.parseString(SlackPayloads.message(SlackPayloads.eventId(),
                channel, ALICE, ts, null, "heard over the socket")).getAsJsonObject());
        CatchUpScenario scenario = new CatchUpScenario(slack, channel, e -> { throw new AssertionError("no HTTP"); });
        int calls = scenario.readBackCalls().size();

        first.close(1001, "going away");
        slack.post(channel, BOB, "said while the socket was down");
        WebSocket second = socket.awaitConnection(2);
        socket.hello(second);

        scenario.awaitCaughtUp(bot.dbUrl(), "", "", calls, 1);
        socket.sendAndAwaitAck(second, "slash_commands", command(ALICE, channel, "close"));
        List<String> transcript = IncidentFlowTest.transcriptLines(bot.awaitReport(1).contentAsUtf8());
        assertEquals(2, transcript.size(), transcript.toString());
        assertTrue(transcript.get(0).endsWith("heard over the socket"), transcript.get(0));
        assertTrue(transcript.get(1).endsWith("said while the socket was down"), transcript.get(1));
    }

    private JsonObject command(String user, String channel, String text) {
        JsonObject p = new JsonObject();
        p.addProperty("token", "legacy");
        p.addProperty("team_id", SlackPayloads.TEAM);
        p.addProperty("channel_id", channel);
        p.addProperty("user_id", user);
        p.addProperty("command", "/incident");
        p.addProperty("text", text);
        p.addProperty("api_app_id", SlackPayloads.APP);
        p.addProperty("response_url", slack.responseUrl("socket-" + System.nanoTime()));
        p.addProperty("trigger_id", "1.2." + System.nanoTime());
        return p;
    }
}

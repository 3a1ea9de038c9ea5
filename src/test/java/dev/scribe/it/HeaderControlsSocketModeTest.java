package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.slack.view.HeaderControls;
import dev.scribe.slack.view.NoteModal;
import dev.scribe.testing.FakeSlackApi;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header's controls and forms over Socket Mode: the same listeners, the form's inline error in the ack. */
class HeaderControlsSocketModeTest {

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

    private static JsonObject json(String payload) {
        return JsonParser.parseString(payload).getAsJsonObject();
    }

    @Test
    void aSelectAndAFormOfTheHeaderWorkOverTheSocket() throws Exception {
        slack = new FakeSlackApi(RunningScribe.TOKEN);
        RunningScribe.seed(slack);
        socket = new SocketModeTest.SlackSide();
        socket.start();
        assertTrue(socket.started.await(10, TimeUnit.SECONDS));
        slack.enableSocketMode(SocketModeTest.APP_TOKEN, () -> "ws://127.0.0.1:" + socket.getPort() + "/link");
        Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", SocketModeTest.APP_TOKEN);
        bot = RunningScribe.startWith(slack, env);
        WebSocket ws = socket.awaitConnection(1);
        socket.hello(ws);

        JsonObject command = new JsonObject();
        command.addProperty("team_id", SlackPayloads.TEAM);
        command.addProperty("channel_id", OPS);
        command.addProperty("user_id", ALICE);
        command.addProperty("command", "/incident");
        command.addProperty("text", "start Socket checkout errors");
        command.addProperty("api_app_id", SlackPayloads.APP);
        command.addProperty("response_url", slack.responseUrl("socket-start"));
        command.addProperty("trigger_id", dev.scribe.testing.Triggers.issue());
        socket.sendAndAwaitAck(ws, "slash_commands", command);
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                Optional::isPresent, WAIT).orElseThrow().id();
        String headerTs = slack.await(() -> slack.pinned(channel), p -> !p.isEmpty(), WAIT).get(0);
        FakeSlackApi.PostedMessage header = slack.message(channel, headerTs).orElseThrow();

        socket.sendAndAwaitAck(ws, "interactive", json(Interactions.chooseOption(BOB, header, HeaderControls.STATUS,
                "identified", slack.responseUrl("socket-status"))));
        slack.await(() -> slack.message(channel, headerTs).orElseThrow().blocksJson(),
                b -> b.contains("*Status*\\nIdentified"), WAIT);
        assertEquals(1, bot.count("SELECT COUNT(*) FROM timeline_entries WHERE kind = 'STATUS' AND author_id = ?", BOB));

        socket.sendAndAwaitAck(ws, "interactive", json(Interactions.clickButton(BOB, header, HeaderControls.ADD_NOTE,
                slack.responseUrl("socket-note"))));
        FakeSlackApi.View note = slack.await(() -> slack.modals(NoteModal.CALLBACK_ID), v -> v.size() == 1, WAIT).get(0);
        JsonObject refused = socket.sendAndAwaitAck(ws, "interactive", json(ViewForm.of(note)
                .text(NoteModal.TEXT_BLOCK, " ").bypassingTheClient().submission(BOB)));
        assertTrue(refused.toString().contains("\"response_action\":\"errors\"")
                && refused.toString().contains("A note needs text."), "the inline error rides on the ack: " + refused);
        socket.sendAndAwaitAck(ws, "interactive", json(ViewForm.of(note).text(NoteModal.TEXT_BLOCK, "over the socket")
                .submission(BOB)));
        slack.await(() -> slack.topLevelMessages(channel),
                m -> m.stream().anyMatch(p -> p.text().contains("Note added to the timeline by <@" + BOB + ">")), WAIT);
        assertEquals(1, bot.count("SELECT COUNT(*) FROM timeline_entries WHERE kind = 'NOTE' AND author_id = ? "
                + "AND body = 'over the socket'", BOB));
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Socket Mode for real: the fake Web API hands out a ws:// URL served here; the test plays Slack's side of
 * the protocol (hello, envelopes, acks by envelope_id), drops the socket, and checks the bot comes back.
 */
class SocketModeTest {

    static final String APP_TOKEN = "xapp-1-A0APP-1234-socketsecret";

    @TempDir
    Path dir;
    FakeSlackApi slack;
    SlackSide socket;
    RunningScribe bot;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlackApi(RunningScribe.TOKEN);
        RunningScribe.seed(slack);
        socket = new SlackSide();
        socket.start();
        assertTrue(socket.started.await(10, TimeUnit.SECONDS));
        AtomicInteger links = new AtomicInteger();
        slack.enableSocketMode(APP_TOKEN, () -> "ws://127.0.0.1:" + socket.getPort() + "/link/" + links.incrementAndGet());
    }

    private void startBot() throws Exception {
        Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
        env.remove("SLACK_SIGNING_SECRET");
        env.put("SLACK_APP_TOKEN", APP_TOKEN);
        bot = RunningScribe.startWith(slack, env);
    }

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
        socket.stop(1000);
        slack.close();
    }

    @Test
    void commandsAndEventsOverTheSocketAndAReconnectAfterADrop() throws Exception {
        startBot();
        WebSocket first = socket.awaitConnection(1);
        socket.hello(first);
        assertEquals(200, bot.http().get("/healthz").statusCode(), "/healthz answers in Socket Mode");
        int http = bot.http().event("{}").statusCode();
        assertTrue(http == 404 || http == 405, "no HTTP endpoint for Slack in Socket Mode: " + http);

        JsonObject ack = socket.sendAndAwaitAck(first, "slash_commands", command(ALICE, OPS, "start sev2 Socket outage"));
        assertTrue(ack.toString().contains("Opening an incident channel"), ack.toString());
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                Optional::isPresent, WAIT).orElseThrow().id();
        slack.await(() -> slack.members(channel), m -> m.contains(ALICE), WAIT);

        long t = System.currentTimeMillis() / 1000 - 60;
        socket.sendAndAwaitAck(first, "events_api", event(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE,
                SlackPayloads.ts(t, 1), null, "first over the socket 🧦")));
        socket.sendAndAwaitAck(first, "events_api", event(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB,
                SlackPayloads.ts(t + 1, 2), SlackPayloads.ts(t, 1), "a reply in the thread")));

        first.close(1001, "going away");
        WebSocket second = socket.awaitConnection(2);
        assertTrue(slack.callCount("apps.connections.open") >= 2, "asked Slack for a new URL: " + slack.callSummary());
        socket.hello(second);
        socket.sendAndAwaitAck(second, "events_api", event(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB,
                SlackPayloads.ts(t + 2, 3), null, "after the reconnect")));
        socket.sendAndAwaitAck(second, "slash_commands", command(ALICE, channel, "close"));

        String markdown = bot.awaitReport(1).contentAsUtf8();
        List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
        assertEquals(3, transcript.size(), markdown);
        assertTrue(transcript.get(0).endsWith("first over the socket 🧦"), transcript.get(0));
        assertTrue(transcript.get(1).contains("(in thread): a reply in the thread"), transcript.get(1));
        assertTrue(transcript.get(2).endsWith("after the reconnect"), transcript.get(2));
    }

    @Test
    void anEventThatCouldNotBeStoredIsNotAcknowledgedSoSlackSendsItAgain() throws Exception {
        startBot();
        WebSocket ws = socket.awaitConnection(1);
        socket.hello(ws);
        socket.sendAndAwaitAck(ws, "slash_commands", command(ALICE, OPS, "start Socket storage drill"));
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                java.util.Optional::isPresent, WAIT).orElseThrow().id();
        slack.await(() -> slack.members(channel), m -> m.contains(ALICE), WAIT);
        String ts = SlackPayloads.ts(System.currentTimeMillis() / 1000 - 5, 1);
        socket.sendAndAwaitAck(ws, "events_api", event(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB, ts,
                null, "taken while commits fail")));
        bot.tableCounts();

        // Commits fail (the table is gone), so a reaction cannot see the message before it stored: no ack.
        String url = RunningScribe.h2Url(dir);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "", "")) {
            c.createStatement().execute("ALTER TABLE messages RENAME TO messages_away");
        }
        socket.sendAndAwaitAck(ws, "events_api", event(SlackPayloads.message(SlackPayloads.eventId(), channel, BOB,
                SlackPayloads.ts(System.currentTimeMillis() / 1000 - 4, 2), null, "journaled, not stored yet")));
        JsonObject reaction = event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "bulb", channel, ts));
        String refused = socket.send(ws, "events_api", reaction);
        // Envelopes are handled in order: once a later one is acknowledged, the refused one had its turn.
        socket.sendAndAwaitAck(ws, "events_api", event(SlackPayloads.unhandled(SlackPayloads.eventId(), "app_home_opened")));
        assertTrue(socket.ackOf(refused).isEmpty(), "no ack for an event that was not stored");

        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "", "")) {
            c.createStatement().execute("ALTER TABLE messages_away RENAME TO messages");
        }
        bot.tableCounts(); // the journal stored what it held
        socket.sendAndAwaitAck(ws, "events_api", reaction); // Slack's retry of the same event
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "", "");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM marks")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    @Test
    void startsWhileSlackRefusesTheSocketAndConnectsOnceItAccepts() throws Exception {
        // Slack refuses apps.connections.open for a while: the bot is up anyway and keeps trying.
        for (int i = 0; i < 2; i++) {
            slack.failNext("apps.connections.open", "internal_error");
        }
        startBot();
        assertEquals(200, bot.http().get("/healthz").statusCode());
        WebSocket ws = socket.awaitConnection(1);
        assertTrue(slack.callCount("apps.connections.open") >= 3, "two refusals, then a connection: " + slack.callSummary());
        socket.hello(ws);
        JsonObject ack = socket.sendAndAwaitAck(ws, "slash_commands", command(ALICE, OPS, "help"));
        assertTrue(ack.toString().contains("/incident start"), ack.toString());
    }

    @Test
    void theMessageShortcutItsFormAndHomeOverTheSocket() throws Exception {
        startBot();
        WebSocket ws = socket.awaitConnection(1);
        socket.hello(ws);
        socket.sendAndAwaitAck(ws, "slash_commands", command(ALICE, OPS, "start Socket shortcut drill"));
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                Optional::isPresent, WAIT).orElseThrow().id();
        slack.await(() -> slack.members(channel), m -> m.contains(ALICE), WAIT);
        String ts = AddToTimelineShortcutTest.alert(slack, 300, "db-1 replication lag 40s");

        socket.sendAndAwaitAck(ws, "interactive", JsonParser.parseString(Interactions.messageShortcut(BOB,
                dev.scribe.slack.view.AddToTimelineModal.SHORTCUT, AddToTimelineShortcutTest.ALERTS, "alerts", BOB, ts, null,
                "db-1 replication lag 40s", slack.responseUrl("socket-shortcut"))).getAsJsonObject());
        FakeSlackApi.View form = slack.awaitView(v -> dev.scribe.slack.view.AddToTimelineModal.CALLBACK_ID.equals(v.callbackId()),
                WAIT);
        JsonObject submitted = socket.sendAndAwaitAck(ws, "interactive", JsonParser.parseString(ViewForm.of(form)
                .select(dev.scribe.slack.view.AddToTimelineModal.INCIDENT_BLOCK, "1")
                .select(dev.scribe.slack.view.AddToTimelineModal.KIND_BLOCK, "DETECTED").submission(BOB)).getAsJsonObject());
        assertTrue(!submitted.toString().contains("errors"), submitted.toString());
        String said = slack.await(() -> slack.responseUrlPosts("socket-shortcut"), p -> !p.isEmpty(), WAIT).get(0).text();
        assertTrue(said.contains("Added to the timeline of *incident 1* as Detected"), said);

        socket.sendAndAwaitAck(ws, "events_api", event(SlackPayloads.appHomeOpened(SlackPayloads.eventId(), ALICE, "home")));
        slack.await(() -> slack.homeView(ALICE), v -> v.isPresent() && v.get().allText().contains("Socket shortcut drill"),
                WAIT);

        socket.sendAndAwaitAck(ws, "slash_commands", command(ALICE, channel, "close"));
        String markdown = bot.awaitReport(1).contentAsUtf8();
        String detected = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0])));
        assertTrue(markdown.contains("| Detected | " + detected + " UTC | marked |"), markdown);
    }

    @Test
    void theDeclareFormFromTheShortcutAndFromABareStartOverTheSocket() throws Exception {
        startBot();
        WebSocket ws = socket.awaitConnection(1);
        socket.hello(ws);
        String callback = dev.scribe.slack.view.DeclareModal.CALLBACK_ID;

        socket.sendAndAwaitAck(ws, "interactive", event(Interactions.globalShortcut(ALICE,
                dev.scribe.slack.view.DeclareModal.SHORTCUT_CALLBACK_ID)));
        FakeSlackApi.View fromShortcut = slack.modals(callback).get(0);
        JsonObject closed = socket.sendAndAwaitAck(ws, "interactive", event(ViewForm.of(fromShortcut)
                .text(dev.scribe.slack.view.DeclareModal.TITLE_BLOCK, "Socket declared").submission(ALICE)));
        assertTrue(!closed.has("payload") || !closed.get("payload").toString().contains("errors"), closed.toString());
        String channel = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).findFirst(),
                Optional::isPresent, WAIT).orElseThrow().id();
        slack.await(() -> slack.messages("D" + ALICE), m -> m.stream().anyMatch(x -> x.text().contains("<#" + channel + ">")), WAIT);

        socket.sendAndAwaitAck(ws, "slash_commands", command(BOB, OPS, "start"));
        FakeSlackApi.View fromCommand = slack.modals(callback).get(1);
        JsonObject refused = socket.sendAndAwaitAck(ws, "interactive", event(ViewForm.of(fromCommand)
                .text(dev.scribe.slack.view.DeclareModal.TITLE_BLOCK, " ").submission(BOB)));
        assertTrue(refused.toString().contains("An incident needs a title."), refused.toString());
        socket.sendAndAwaitAck(ws, "interactive", event(ViewForm.of(fromCommand)
                .text(dev.scribe.slack.view.DeclareModal.TITLE_BLOCK, "Second over the socket").submission(BOB)));
        slack.await(() -> slack.topLevelMessages(OPS), m -> m.stream().anyMatch(x -> x.text().contains(
                "opened *incident 2*: Second over the socket")), WAIT);
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
        p.addProperty("trigger_id", dev.scribe.testing.Triggers.issue());
        return p;
    }

    private static JsonObject event(String envelopeJson) {
        return JsonParser.parseString(envelopeJson).getAsJsonObject();
    }

    /** Slack's end of the socket: counts connections and collects the acks the bot sends back. */
    static final class SlackSide extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);
        final List<WebSocket> connections = new CopyOnWriteArrayList<>();
        final List<JsonObject> acks = new CopyOnWriteArrayList<>();
        private final AtomicInteger envelopes = new AtomicInteger();

        SlackSide() {
            super(new InetSocketAddress("127.0.0.1", 0));
            setReuseAddr(true);
        }

        WebSocket awaitConnection(int n) {
            return await(() -> connections.size() >= n ? connections.get(n - 1) : null);
        }

        void hello(WebSocket ws) {
            ws.send("{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"fake\"},"
                    + "\"connection_info\":{\"app_id\":\"A0APP\"}}");
        }

        JsonObject sendAndAwaitAck(WebSocket ws, String type, JsonObject payload) {
            String id = send(ws, type, payload);
            return await(() -> ackOf(id).orElse(null));
        }

        /** The ack of an envelope, if the bot sent one. */
        java.util.Optional<JsonObject> ackOf(String envelopeId) {
            return acks.stream().filter(a -> a.has("envelope_id") && envelopeId.equals(a.get("envelope_id").getAsString()))
                    .findFirst();
        }

        /** Sends an envelope; returns its id. */
        String send(WebSocket ws, String type, JsonObject payload) {
            String id = "env-" + envelopes.incrementAndGet();
            JsonObject envelope = new JsonObject();
            envelope.addProperty("envelope_id", id);
            envelope.addProperty("type", type);
            envelope.addProperty("accepts_response_payload", type.equals("slash_commands") || type.equals("interactive"));
            envelope.addProperty("retry_attempt", 0);
            envelope.add("payload", payload);
            ws.send(envelope.toString());
            return id;
        }

        private static <T> T await(java.util.function.Supplier<T> probe) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
                try {
                    Thread.sleep(20); // polling the socket server's state; it offers no event to wait on
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("timed out waiting on the socket");
        }

        @Override
        public void onOpen(WebSocket conn, ClientHandshake handshake) {
            connections.add(conn);
        }

        @Override
        public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        }

        @Override
        public void onMessage(WebSocket conn, String message) {
            try {
                acks.add(JsonParser.parseString(message).getAsJsonObject());
            } catch (RuntimeException e) {
                // not JSON: ignore, an assertion on the missing ack will say so
            }
        }

        @Override
        public void onError(WebSocket conn, Exception ex) {
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}

package dev.scribe;

import com.sun.net.httpserver.HttpServer;
import dev.scribe.web.SignatureVerifier;
import dev.scribe.web.WebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code start-up-training}: a whole start-up of the bot and one event, for the class-data archive the Dockerfile
 * makes ({@code -XX:ArchiveClassesAtExit}). The archive used to come from the {@code report} command, which loads the
 * database, migration and report classes but not Slack's client, Bolt, Jetty or the metrics; a restart then loaded
 * those from the jar, about a second of CPU on two cores (docs/performance.md, Start-up). A Docker build cannot reach
 * Slack, so a stand-in on loopback answers the token check; the database is a new one in a temporary directory,
 * removed afterwards. Nothing leaves the machine.
 */
final class StartUpTraining {

    private static final String SECRET = "start-up-training";
    private static final String AUTH_TEST = "{\"ok\":true,\"url\":\"https://training.invalid/\",\"team\":\"Training\","
            + "\"user\":\"scribe\",\"team_id\":\"T0TRAINING\",\"user_id\":\"U0TRAINING\",\"bot_id\":\"B0TRAINING\"}";

    private StartUpTraining() {
    }

    /** Starts the bot in {@code dir}, asks {@code /healthz}, sends one signed message event, stops; returns the event's status. */
    static int run(Path dir) throws Exception {
        HttpServer slack = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slack.createContext("/api/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            byte[] body = (method.equals("auth.test") ? AUTH_TEST : "{\"ok\":true}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        slack.start();
        try {
            Config config = Config.fromEnvironment(Map.of(
                    "SLACK_BOT_TOKEN", "xoxb-start-up-training",
                    "SLACK_SIGNING_SECRET", SECRET,
                    "SLACK_API_URL", "http://127.0.0.1:" + slack.getAddress().getPort() + "/api/",
                    "SCRIBE_DB_URL", "jdbc:h2:file:" + dir.resolve("training") + ";WRITE_DELAY=0",
                    "PORT", "0"));
            try (Scribe scribe = Scribe.start(config, Clock.systemUTC())) {
                request(scribe.port(), "GET", WebServer.HEALTH_PATH, Map.of(), new byte[0]);
                long now = Clock.systemUTC().instant().getEpochSecond();
                byte[] event = ("{\"token\":\"x\",\"team_id\":\"T0TRAINING\",\"api_app_id\":\"A0TRAINING\",\"type\":"
                        + "\"event_callback\",\"event_id\":\"Ev0TRAINING\",\"event_time\":" + now + ",\"event\":{\"type\":"
                        + "\"message\",\"channel\":\"C0TRAINING\",\"user\":\"U0PERSON\",\"text\":\"training <@U0PERSON> :fire:\","
                        + "\"ts\":\"" + now + ".000100\",\"channel_type\":\"channel\"}}").getBytes(StandardCharsets.UTF_8);
                String timestamp = Long.toString(now);
                String signature = new SignatureVerifier(SECRET, Clock.systemUTC()).sign(timestamp, event);
                return request(scribe.port(), "POST", WebServer.EVENTS_PATH, Map.of("Content-Type", "application/json",
                        "X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature", signature), event);
            }
        } finally {
            slack.stop(0);
        }
    }

    /** The command: a temporary directory around {@link #run}; exit 0 when the event was acknowledged. */
    static int command() throws Exception {
        Path dir = Files.createTempDirectory("scribe-start-up-training");
        try {
            int status = run(dir);
            if (status != 200) {
                System.err.println("incident-scribe: the start-up training's event was answered " + status);
                return 1;
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> {
                    try {
                        Files.delete(f);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** One HTTP/1.1 request on its own connection, with a plain socket; returns the status. */
    private static int request(int port, String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Integer.parseInt(answer.substring(9, 12));
        }
    }
}

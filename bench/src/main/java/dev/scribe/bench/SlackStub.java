package dev.scribe.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Slack Web API answers the bot and the baseline need during a benchmark ({@code auth.test} at start,
 * {@code users.info} and {@code bots.info} for names), on 127.0.0.1, so nothing ever reaches slack.com.
 * Every other method answers {@code {"ok":true}}: the measured paths (acks, compiling a report) post nothing.
 */
final class SlackStub implements AutoCloseable {

    static final String TEAM_ID = "T0BENCH";
    static final String BOT_USER_ID = "U0BOT";
    static final String BOT_ID = "B0BOT";

    private static final Pattern USER_PARAM = Pattern.compile("(?:^|&)user=([^&]*)");
    private static final Pattern CHANNEL_PARAM = Pattern.compile("(?:^|&)channel=([^&]*)");

    private final HttpServer server;
    /** What conversations.list answers: the benchmark's public channels (none until a part sets them). */
    private volatile List<String> publicChannels = List.of();

    SlackStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "slack-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The base URL to put in {@code SLACK_API_URL}. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String json = switch (method) {
            case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"scribe\","
                    + "\"team_id\":\"" + TEAM_ID + "\",\"user_id\":\"" + BOT_USER_ID + "\",\"bot_id\":\"" + BOT_ID + "\"}";
            case "bots.info" -> "{\"ok\":true,\"bot\":{\"id\":\"" + BOT_ID + "\",\"name\":\"scribe\",\"user_id\":\""
                    + BOT_USER_ID + "\",\"app_id\":\"A0BENCH\",\"deleted\":false}}";
            case "users.info" -> usersInfo(body);
            // Every benchmark channel is public: the incident pages ask before showing one.
            case "conversations.info" -> "{\"ok\":true,\"channel\":{\"id\":\"" + param(CHANNEL_PARAM, body, "C0UNKNOWN")
                    + "\",\"name\":\"bench\",\"is_channel\":true,\"is_private\":false}}";
            case "conversations.list" -> conversationsList();
            default -> "{\"ok\":true}";
        };
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The public channels conversations.list names, all on one page. */
    void publicChannels(List<String> ids) {
        publicChannels = List.copyOf(ids);
    }

    private String conversationsList() {
        StringBuilder json = new StringBuilder("{\"ok\":true,\"channels\":[");
        for (int i = 0; i < publicChannels.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(publicChannels.get(i))
                    .append("\",\"name\":\"bench\",\"is_channel\":true,\"is_private\":false}");
        }
        return json.append("],\"response_metadata\":{\"next_cursor\":\"\"}}").toString();
    }

    private static String param(Pattern pattern, String form, String otherwise) {
        Matcher m = pattern.matcher(form);
        return m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : otherwise;
    }

    private static String usersInfo(String form) {
        Matcher m = USER_PARAM.matcher(form);
        String id = m.find() ? URLDecoder.decode(m.group(1), StandardCharsets.UTF_8) : "U0UNKNOWN";
        return "{\"ok\":true,\"user\":{\"id\":\"" + id + "\",\"name\":\"user-" + id.toLowerCase() + "\","
                + "\"profile\":{\"display_name\":\"Responder " + id + "\",\"real_name\":\"Responder " + id + "\"}}}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

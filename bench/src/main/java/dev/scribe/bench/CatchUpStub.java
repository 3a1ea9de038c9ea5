package dev.scribe.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Slack Web API of the catch-up benchmark: one incident channel whose history holds {@code threads} parents with
 * {@code repliesEach} replies each, all written while the bot was away, served by {@code conversations.history} and
 * {@code conversations.replies} with Slack's paging ({@code limit}, {@code cursor}, {@code has_more}) and Slack's
 * Tier 3 limit: at most {@link #TIER_3} calls of each method in any minute, any more answered 429 with Retry-After.
 * Other channels' history is empty; the few other methods the bot calls answer as {@link SlackStub} does.
 */
final class CatchUpStub implements AutoCloseable {

    /** Calls a minute of each method Slack lets an internal app make (Tier 3). */
    static final int TIER_3 = 50;

    private record Msg(String ts, String threadTs, String user, String text) {
    }

    private final HttpServer server;
    private final String channel;
    private final List<Msg> parents = new ArrayList<>();
    private final Map<String, List<Msg>> replies = new HashMap<>();
    private final Map<String, Deque<Long>> recent = new HashMap<>();
    private int rateLimited;
    private final Map<String, Integer> calls = new LinkedHashMap<>();

    /** {@code firstTs}: the epoch second of the first message (after the incident's start, before the bot starts). */
    CatchUpStub(String channel, int threads, int repliesEach, long firstTs) throws IOException {
        this.channel = channel;
        long micros = 0;
        for (int t = 0; t < threads; t++) {
            String parent = ts(firstTs, micros++);
            parents.add(new Msg(parent, null, user(t), "Thread " + t + ": what we see on checkout-" + t));
            List<Msg> thread = new ArrayList<>();
            for (int r = 0; r < repliesEach; r++) {
                thread.add(new Msg(ts(firstTs, micros++), parent, user(t + r + 1), "Reply " + r + " in thread " + t
                        + ": error rate still at 4%, <@U0000001> looking \uD83D\uDD25"));
            }
            replies.put(parent, thread);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::answer);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread th = new Thread(r, "catch-up-stub");
            th.setDaemon(true);
            return th;
        }));
        server.start();
    }

    private static String ts(long seconds, long micros) {
        return String.format(Locale.ROOT, "%d.%06d", seconds + micros / 1_000_000, micros % 1_000_000);
    }

    private static String user(int n) {
        return String.format(Locale.ROOT, "U%07d", 1 + n % 12);
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    synchronized int rateLimited() {
        return rateLimited;
    }

    synchronized Map<String, Integer> calls() {
        return new LinkedHashMap<>(calls);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        Map<String, String> p = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        int status = 200;
        String json;
        Map<String, String> headers = new HashMap<>();
        synchronized (this) {
            calls.merge(method, 1, Integer::sum);
            Integer wait = method.startsWith("conversations.") ? overLimit(method) : null;
            if (wait != null) {
                rateLimited++;
                status = 429;
                headers.put("Retry-After", Integer.toString(wait));
                json = "{\"ok\":false,\"error\":\"ratelimited\"}";
            } else {
                json = switch (method) {
                    case "auth.test" -> "{\"ok\":true,\"url\":\"https://bench.slack.com/\",\"team\":\"Bench\",\"user\":\"scribe\","
                            + "\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"user_id\":\"" + SlackStub.BOT_USER_ID
                            + "\",\"bot_id\":\"" + SlackStub.BOT_ID + "\"}";
                    case "users.info" -> "{\"ok\":true,\"user\":{\"id\":\"" + p.getOrDefault("user", "U0") + "\",\"name\":\"r\","
                            + "\"profile\":{\"display_name\":\"Responder\",\"real_name\":\"Responder\"}}}";
                    case "conversations.history" -> history(p);
                    case "conversations.replies" -> replies(p);
                    default -> "{\"ok\":true}";
                };
            }
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Seconds to wait when this call would be the 51st of the last minute; null when it may go (it is counted). */
    private Integer overLimit(String method) {
        long now = System.nanoTime();
        long minute = TimeUnit.MINUTES.toNanos(1);
        Deque<Long> window = recent.computeIfAbsent(method, m -> new ArrayDeque<>());
        while (!window.isEmpty() && now - window.peekFirst() >= minute) {
            window.pollFirst();
        }
        if (window.size() >= TIER_3) {
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(minute - (now - window.peekFirst()) + 999_999_999L));
        }
        window.addLast(now);
        return null;
    }

    /** Newest first, at most {@code limit} (200 when absent, 999 at most); the cursor is the offset into that order. */
    private String history(Map<String, String> p) {
        if (!channel.equals(p.get("channel"))) {
            return "{\"ok\":true,\"messages\":[],\"has_more\":false,\"response_metadata\":{\"next_cursor\":\"\"}}";
        }
        List<Msg> newestFirst = new ArrayList<>(parents);
        java.util.Collections.reverse(newestFirst);
        return page(newestFirst, p, 999);
    }

    /** The parent, then its replies oldest first. */
    private String replies(Map<String, String> p) {
        List<Msg> thread = replies.get(p.get("ts"));
        if (thread == null) {
            return "{\"ok\":false,\"error\":\"thread_not_found\"}";
        }
        List<Msg> all = new ArrayList<>();
        parents.stream().filter(m -> m.ts().equals(p.get("ts"))).forEach(all::add);
        all.addAll(thread);
        return page(all, p, 1000);
    }

    private String page(List<Msg> all, Map<String, String> p, int max) {
        int limit = Math.min(max, Integer.parseInt(p.getOrDefault("limit", "200")));
        int from = p.containsKey("cursor") && !p.get("cursor").isEmpty() ? Integer.parseInt(p.get("cursor")) : 0;
        int to = Math.min(all.size(), from + limit);
        StringBuilder json = new StringBuilder("{\"ok\":true,\"messages\":[");
        for (int i = from; i < to; i++) {
            Msg m = all.get(i);
            json.append(i > from ? "," : "").append("{\"type\":\"message\",\"user\":\"").append(m.user())
                    .append("\",\"text\":\"").append(m.text()).append("\",\"ts\":\"").append(m.ts()).append('"');
            if (m.threadTs() != null) {
                json.append(",\"thread_ts\":\"").append(m.threadTs()).append('"');
            } else if (!replies.get(m.ts()).isEmpty()) {
                List<Msg> thread = replies.get(m.ts());
                json.append(",\"thread_ts\":\"").append(m.ts()).append("\",\"reply_count\":").append(thread.size())
                        .append(",\"latest_reply\":\"").append(thread.get(thread.size() - 1).ts()).append('"');
            }
            json.append('}');
        }
        boolean more = to < all.size();
        return json.append("],\"has_more\":").append(more).append(",\"response_metadata\":{\"next_cursor\":\"")
                .append(more ? Integer.toString(to) : "").append("\"}}").toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.scribe.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Events API message events as Slack sends them, each with its own {@code event_id} and message {@code ts},
 * signed the way Slack signs ({@code v0=} hex HMAC-SHA256 of {@code v0:ts:body}, bytes as UTF-8; written here
 * rather than taken from Bolt, whose generator uses the platform charset). Thread-safe.
 */
final class SignedEvents {

    /** A message as people write it in an incident: a mention, a link, an emoji (non-ASCII on purpose). */
    private static final String TEXT = "Error rate on checkout is back under 1% after the rollback, "
            + "<@U0ALICE> can you confirm on <https://grafana.example.com/d/checkout|the dashboard>? \uD83D\uDD25";

    private final String secret;
    private final String runId;
    private final AtomicLong sequence = new AtomicLong();
    private final long baseSeconds = System.currentTimeMillis() / 1000 - 3600;

    SignedEvents(String secret, String runId) {
        this.secret = secret;
        this.runId = runId;
    }

    /** One complete HTTP/1.1 request for {@code POST /slack/events}: a new message in {@code channel}. */
    byte[] nextRequest(String channel, String user) {
        long n = sequence.incrementAndGet();
        // A distinct ts per message (1 µs apart) keeps every message new to the bot, as in a busy channel.
        String ts = (baseSeconds + n / 1_000_000) + "." + String.format("%06d", n % 1_000_000);
        String body = "{\"token\":\"unused\",\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"api_app_id\":\"A0BENCH\","
                + "\"event\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"channel_type\":\"channel\","
                + "\"user\":\"" + user + "\",\"text\":\"" + TEXT + "\",\"ts\":\"" + ts + "\",\"event_ts\":\"" + ts + "\"},"
                + "\"type\":\"event_callback\",\"event_id\":\"Ev" + runId + "x" + n + "\",\"event_time\":" + baseSeconds + ","
                + "\"authorizations\":[{\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"user_id\":\"" + SlackStub.BOT_USER_ID
                + "\",\"is_bot\":true}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: " + sign(timestamp, bytes)
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
        return request;
    }

    /** How many events were made so far. */
    long count() {
        return sequence.get();
    }

    private String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return "v0=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}

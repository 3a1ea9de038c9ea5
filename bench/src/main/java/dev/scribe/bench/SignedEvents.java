package dev.scribe.bench;

import dev.scribe.web.SignatureVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events API message events as Slack sends them, each with its own {@code event_id} and message {@code ts},
 * signed with the bot's own signer ({@link SignatureVerifier#sign}: the HMAC over the body's UTF-8 bytes, as
 * Slack signs). They are signed <em>before</em> a phase ({@link #prepare}), so that the senders only copy bytes
 * to a socket: signing while sending cost the generator an HMAC per event on the same two cores as the server
 * it measures, which took more from the faster server (issue 18).
 */
final class SignedEvents {

    /** A message as people write it in an incident: a mention, a link, an emoji (non-ASCII on purpose). */
    private static final String TEXT = "Error rate on checkout is back under 1% after the rollback, "
            + "<@U0ALICE> can you confirm on <https://grafana.example.com/d/checkout|the dashboard>? \uD83D\uDD25";

    private final SignatureVerifier signer;
    private final String runId;
    private final List<String> channels;
    private long sequence;
    private final long baseSeconds = System.currentTimeMillis() / 1000 - 3600;
    /** Reused from phase to phase: one array, so the pre-signed events cost the generator's GC nothing. */
    private byte[] arena = new byte[0];
    private int[] offsets = new int[1];

    SignedEvents(String secret, String runId, List<String> channels) {
        this.signer = new SignatureVerifier(secret, Clock.systemUTC());
        this.runId = runId;
        this.channels = channels;
    }

    /**
     * Signs {@code count} new events (timestamped now: both servers accept them for 5 minutes) and returns them
     * as one batch, which replaces the previous one. The nth event goes to channel n mod the channels, from one of
     * 64 people. Returns the batch and the nanoseconds the signing took.
     */
    Batch prepare(int count) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        if (offsets.length < count + 1) {
            offsets = new int[count + 1];
        }
        int at = 0;
        for (int i = 0; i < count; i++) {
            byte[] request = request(++sequence, timestamp);
            if (at + request.length > arena.length) {
                // Sized once for the whole batch (requests grow by a byte now and then as the numbers do); a later,
                // larger batch grows it by a quarter, not twice, since it can hold a few hundred MB.
                long wanted = Math.max((long) request.length * count * 21 / 20 + 4096, (long) (at + request.length) * 5 / 4);
                arena = Arrays.copyOf(arena, (int) Math.min(wanted, Integer.MAX_VALUE - 16));
            }
            System.arraycopy(request, 0, arena, at, request.length);
            offsets[i] = at;
            at += request.length;
        }
        offsets[count] = at;
        return new Batch(arena, offsets, count);
    }

    /** One complete HTTP/1.1 request for {@code POST /slack/events}: a new message. */
    private byte[] request(long n, String timestamp) {
        String channel = channels.get((int) (n % channels.size()));
        String user = String.format(Locale.ROOT, "U%07d", n % 64);
        // A distinct ts per message (1 µs apart) keeps every message new to the bot, as in a busy channel.
        String ts = (baseSeconds + n / 1_000_000) + "." + String.format(Locale.ROOT, "%06d", n % 1_000_000);
        String body = "{\"token\":\"unused\",\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"api_app_id\":\"A0BENCH\","
                + "\"event\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"channel_type\":\"channel\","
                + "\"user\":\"" + user + "\",\"text\":\"" + TEXT + "\",\"ts\":\"" + ts + "\",\"event_ts\":\"" + ts + "\"},"
                + "\"type\":\"event_callback\",\"event_id\":\"Ev" + runId + "x" + n + "\",\"event_time\":" + baseSeconds + ","
                + "\"authorizations\":[{\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"user_id\":\"" + SlackStub.BOT_USER_ID
                + "\",\"is_bot\":true}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "X-Slack-Request-Timestamp: " + timestamp + "\r\nX-Slack-Signature: " + signer.sign(timestamp, bytes)
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + bytes.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(bytes, 0, request, headBytes.length, bytes.length);
        return request;
    }

    /**
     * Pre-signed requests, each sent once: senders take the next one with {@link #next()}. Valid until the next
     * {@link #prepare}.
     */
    static final class Batch {
        private final byte[] arena;
        private final int[] offsets;
        private final int count;
        private final AtomicInteger next = new AtomicInteger();

        private Batch(byte[] arena, int[] offsets, int count) {
            this.arena = arena;
            this.offsets = offsets;
            this.count = count;
        }

        /** The index of the next unsent request, or -1 when all were taken. */
        int next() {
            int i = next.getAndIncrement();
            return i < count ? i : -1;
        }

        byte[] arena() {
            return arena;
        }

        int offset(int i) {
            return offsets[i];
        }

        int length(int i) {
            return offsets[i + 1] - offsets[i];
        }

        /** True once every request was taken: the phase ended early for want of events, and says so. */
        boolean exhausted() {
            return next.get() >= count;
        }

        int size() {
            return count;
        }
    }
}

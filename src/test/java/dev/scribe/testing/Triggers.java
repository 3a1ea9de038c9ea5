package dev.scribe.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code trigger_id}s "Slack" hands out with shortcuts, slash commands and button clicks. Each one carries the
 * instant it was issued and a tag the fake Web API checks, so that {@code views.open} can refuse a trigger it never
 * issued ({@code invalid_trigger_id}) or one older than {@link #LIFETIME} ({@code expired_trigger_id}), as Slack does;
 * the fake also refuses a second use of one. Issuing needs no fake: payload builders in any test can call it.
 */
public final class Triggers {

    /** How long Slack honours a trigger after issuing it. */
    public static final Duration LIFETIME = Duration.ofSeconds(3);

    private static final byte[] KEY = "fake-slack-trigger-key".getBytes(StandardCharsets.UTF_8);
    private static final AtomicLong SEQUENCE = new AtomicLong(1000);

    private Triggers() {
    }

    /** A trigger issued now. */
    public static String issue() {
        return issuedAt(Instant.now());
    }

    /** A trigger issued at {@code at} (in the past, for a test of an expired one). */
    public static String issuedAt(Instant at) {
        String body = at.toEpochMilli() + "." + SEQUENCE.incrementAndGet();
        return body + "." + tag(body);
    }

    /** When {@code triggerId} was issued, or empty when it is not one this class issued. */
    static Optional<Instant> issuedInstant(String triggerId) {
        if (triggerId == null) {
            return Optional.empty();
        }
        int last = triggerId.lastIndexOf('.');
        int first = triggerId.indexOf('.');
        if (first <= 0 || last <= first) {
            return Optional.empty();
        }
        String body = triggerId.substring(0, last);
        if (!tag(body).equals(triggerId.substring(last + 1))) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(triggerId.substring(0, first))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String tag(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.scribe.slack.interaction;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Texts of messages too long to travel in a form's private_metadata (Slack allows 3,000 characters), kept in memory
 * from the shortcut until its form is submitted: at most {@link #MAX_KEPT}, each for {@link #KEPT_FOR}. A form
 * submitted to another replica or after a restart finds nothing and asks the person to use the shortcut again.
 */
final class PendingTexts {

    static final int MAX_KEPT = 500;
    /** Long enough to fill in a form, short enough not to hold texts nobody will submit. */
    static final Duration KEPT_FOR = Duration.ofHours(1);

    private record Kept(String text, Instant until) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Kept> kept = new LinkedHashMap<>();

    PendingTexts(Clock clock) {
        this.clock = clock;
    }

    /** Keeps a text; returns the key that finds it. */
    synchronized String keep(String text) {
        Instant now = clock.instant();
        kept.values().removeIf(k -> k.until().isBefore(now));
        while (kept.size() >= MAX_KEPT) {
            kept.remove(kept.keySet().iterator().next());
        }
        byte[] key = new byte[12];
        random.nextBytes(key);
        String id = HexFormat.of().formatHex(key);
        kept.put(id, new Kept(text, now.plus(KEPT_FOR)));
        return id;
    }

    /** The text kept under {@code key}, if it is still kept. */
    synchronized Optional<String> find(String key) {
        Kept k = key == null ? null : kept.get(key);
        return k == null || k.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(k.text());
    }
}

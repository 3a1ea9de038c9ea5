package dev.scribe.incident;

import java.time.Duration;
import java.time.Instant;

/**
 * Which message times are believable. Slack opened to the public in 2013, and a live message's ts is when Slack took
 * it, so a ts before 2013 or more than a day ahead of our clock is bad input (a forged or corrupted event), not a
 * moment of the incident: it is refused rather than stored under {@code ### 1970-01-01} or in the year 2286.
 */
public final class MessageTimes {

    /** The earliest time a message can have. */
    public static final Instant EARLIEST = Instant.parse("2013-01-01T00:00:00Z");
    /** How far ahead of the bot's clock a live message may be (clocks drift, but not by a day). */
    public static final Duration MAX_AHEAD = Duration.ofDays(1);

    private MessageTimes() {
    }

    /** True when a live message may have been posted at {@code at}, seen {@code now}. */
    public static boolean isPlausible(Instant at, Instant now) {
        return !at.isBefore(EARLIEST) && !at.isAfter(now.plus(MAX_AHEAD));
    }
}

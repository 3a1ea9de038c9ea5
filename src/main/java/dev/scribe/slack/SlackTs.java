package dev.scribe.slack;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Slack's message ids ({@code "1700000000.123456"}) are also the message's time, to the microsecond. */
public final class SlackTs {

    // Compiled once: every message event checks two or three of these on the ack path.
    private static final Pattern TS = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,6}))?");
    private static final long[] MICROS_PER_DIGIT = {100_000, 10_000, 1_000, 100, 10, 1};

    private SlackTs() {
    }

    /** The instant a ts encodes; refuses anything that is not a Slack ts. */
    public static Instant toInstant(String ts) {
        Matcher m = ts == null ? null : TS.matcher(ts);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        String fraction = m.group(2);
        long micros = fraction == null ? 0 : Long.parseLong(fraction) * MICROS_PER_DIGIT[fraction.length() - 1];
        return Instant.ofEpochSecond(Long.parseLong(m.group(1)), micros * 1000);
    }

    /** The ts of an instant, to the microsecond, e.g. {@code 1700000000.123456} (for {@code oldest}, {@code latest}). */
    public static String format(Instant at) {
        long micros = at.getNano() / 1000;
        return at.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%06d", micros);
    }

    /** True when the text is shaped like a ts. */
    public static boolean isValid(String ts) {
        return ts != null && TS.matcher(ts).matches();
    }
}

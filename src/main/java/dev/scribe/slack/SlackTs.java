package dev.scribe.slack;

import java.math.BigDecimal;
import java.time.Instant;

/** Slack's message ids ({@code "1700000000.123456"}) are also the message's time, to the microsecond. */
public final class SlackTs {
    private SlackTs() {
    }

    /** The instant a ts encodes; refuses anything that is not a Slack ts. */
    public static Instant toInstant(String ts) {
        if (ts == null || !ts.matches("\\d{1,12}(\\.\\d{1,6})?")) {
            throw new IllegalArgumentException("not a Slack ts: " + ts);
        }
        BigDecimal seconds = new BigDecimal(ts);
        long whole = seconds.longValue();
        long micros = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(6).longValue();
        return Instant.ofEpochSecond(whole, micros * 1000);
    }

    /** True when the text is shaped like a ts. */
    public static boolean isValid(String ts) {
        return ts != null && ts.matches("\\d{1,12}(\\.\\d{1,6})?");
    }
}

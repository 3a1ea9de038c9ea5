package dev.scribe.report;

import java.time.Duration;

/** Writes durations the way the retro reads them: {@code 1d 3h}, {@code 2h 47m}, {@code 45m}. */
final class Durations {
    private Durations() {
    }

    /** Formats a non-negative duration with its two largest units; under a minute is {@code <1m}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        if (days > 0) {
            return days + "d " + hours + "h";
        }
        if (hours > 0) {
            return hours + "h " + minutes + "m";
        }
        if (minutes == 0 && !d.isZero()) {
            return "<1m";
        }
        return minutes + "m";
    }
}

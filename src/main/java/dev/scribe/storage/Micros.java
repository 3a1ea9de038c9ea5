package dev.scribe.storage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants are stored as epoch microseconds: Slack ts precision, and one column type on every database. */
final class Micros {
    private Micros() {
    }

    /**
     * The instant in epoch microseconds, rounded down.
     *
     * @throws IllegalArgumentException when it does not fit a 64-bit integer (more than about 292,000 years from
     *     1970); {@code ChronoUnit.MICROS.between} already overflowed past the years 1677 and 2262, as it counts
     *     in nanoseconds
     */
    static long of(Instant instant) {
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("The instant " + instant + " cannot be stored: it is outside the "
                    + "range of epoch microseconds in 64 bits.", e);
        }
    }

    static Instant toInstant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }
}

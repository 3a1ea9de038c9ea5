package dev.scribe.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that runs at real speed from an instant a test sets, so a replay can happen "back then". */
final class MovableClock extends Clock {

    private final ZoneId zone;
    private volatile Duration offset = Duration.ZERO;

    MovableClock() {
        this(ZoneOffset.UTC);
    }

    private MovableClock(ZoneId zone) {
        this.zone = zone;
    }

    /** From now on, this clock reads {@code instant} plus the real time elapsed since this call. */
    void set(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A view in another zone that moves with this one. */
    @Override
    public Clock withZone(ZoneId other) {
        MovableClock outer = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return outer.instant();
            }

            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return outer.withZone(again);
            }
        };
    }
}

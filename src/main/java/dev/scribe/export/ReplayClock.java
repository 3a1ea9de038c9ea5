package dev.scribe.export;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock whose time stands where a replay puts it: the export replay moves it to each message's time, and
 * the benchmark's seeder moves it along the incidents it generates.
 */
public final class ReplayClock extends Clock {

    private volatile Instant now;

    public ReplayClock(Instant start) {
        this.now = start;
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.fixed(now, zone);
    }
}

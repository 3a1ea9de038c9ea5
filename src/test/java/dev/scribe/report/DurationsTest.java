package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void formatsWithTheTwoLargestUnits() {
        assertEquals("2h 47m", Durations.format(Duration.ofMinutes(167)));
        assertEquals("45m", Durations.format(Duration.ofMinutes(45).plusSeconds(59)));
        assertEquals("1d 3h", Durations.format(Duration.ofHours(27).plusMinutes(59)));
        assertEquals("0m", Durations.format(Duration.ZERO));
        assertEquals("<1m", Durations.format(Duration.ofSeconds(20)));
        assertEquals("2h 0m", Durations.format(Duration.ofHours(2)));
    }

    @Test
    void refusesNegativeDurations() {
        assertThrows(IllegalArgumentException.class, () -> Durations.format(Duration.ofMinutes(-1)));
    }
}

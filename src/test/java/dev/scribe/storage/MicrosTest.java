package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How instants become the epoch microseconds stored in every table. */
class MicrosTest {

    @Test
    void instantsBeforeAndAfterTheNanosecondRangeRoundTrip() {
        // Past 2262 and before 1677, counting in nanoseconds overflowed a long.
        for (String at : new String[] {"2300-01-01T00:00:00.123456Z", "1600-01-01T00:00:00Z", "1969-12-31T23:59:59.500001Z",
                "2025-03-18T09:13:07.000100Z"}) {
            Instant instant = Instant.parse(at);
            assertEquals(instant, Micros.toInstant(Micros.of(instant)), at);
        }
        assertEquals(-499_999, Micros.of(Instant.parse("1969-12-31T23:59:59.500001Z")));
        assertEquals(1_742_289_187_000_100L, Micros.of(Instant.parse("2025-03-18T09:13:07.000100Z")));
    }

    @Test
    void anInstantBeyondSixtyFourBitsOfMicrosecondsIsRefusedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Micros.of(Instant.MAX));
        assertEquals("The instant " + Instant.MAX + " cannot be stored: it is outside the range of epoch microseconds "
                + "in 64 bits.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Micros.of(Instant.ofEpochSecond(Long.MIN_VALUE / 1_000_000 - 1)));
    }
}

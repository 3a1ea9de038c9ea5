package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** How {@code /incident at} reads a time: the most recent such time not in the future, in the configured zone. */
class AtTimeTest {

    private static IncidentService service(String zone, Instant now) {
        return new IncidentService(null, Clock.fixed(now, ZoneOffset.UTC), ZoneId.of(zone), ReactionMap.defaults());
    }

    @Test
    void aBareTimeEarlierTodayIsToday() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertEquals(Instant.parse("2026-11-22T11:57:00Z"), service("UTC", now).resolveAt(null, LocalTime.of(11, 57), now));
    }

    @Test
    void aBareTimeLaterThanNowIsYesterday() {
        Instant now = Instant.parse("2026-11-22T08:00:00Z");
        assertEquals(Instant.parse("2026-11-21T23:30:00Z"), service("UTC", now).resolveAt(null, LocalTime.of(23, 30), now));
    }

    @Test
    void timesAreReadInTheConfiguredZone() {
        Instant now = Instant.parse("2024-12-04T14:00:00Z"); // 09:00 in New York
        assertEquals(Instant.parse("2024-12-04T13:43:00Z"),
                service("America/New_York", now).resolveAt(null, LocalTime.of(8, 43), now));
        assertEquals(Instant.parse("2024-12-03T16:01:00Z"),
                service("America/New_York", now).resolveAt(LocalDate.of(2024, 12, 3), LocalTime.of(11, 1), now));
    }

    @Test
    void acrossTheDstChangeInLondon() {
        // Clocks went back at 02:00 BST on 2026-10-25: 01:30 on the 24th is BST (UTC+1), 09:00 on the 25th is GMT.
        Instant now = Instant.parse("2026-10-25T12:00:00Z");
        IncidentService london = service("Europe/London", now);
        assertEquals(Instant.parse("2026-10-24T00:30:00Z"), london.resolveAt(LocalDate.of(2026, 10, 24), LocalTime.of(1, 30), now));
        assertEquals(Instant.parse("2026-10-25T09:00:00Z"), london.resolveAt(null, LocalTime.of(9, 0), now));
    }

    @Test
    void aDateBefore2013IsRefused() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        IncidentService tokyo = service("Asia/Tokyo", now);
        IncidentException e = assertThrows(IncidentException.class,
                () -> tokyo.resolveAt(LocalDate.of(1600, 1, 1), LocalTime.of(0, 0), now));
        assertEquals("`1600-01-01 00:00 JST` is before 2013-01-01, older than any Slack workspace; check the year.",
                e.getMessage());
        assertThrows(IncidentException.class, () -> tokyo.resolveAt(LocalDate.of(2012, 12, 31), LocalTime.of(23, 59), now));
        // The first day counts in the configured zone, though it is still 2012 in UTC.
        assertEquals(Instant.parse("2012-12-31T15:00:00Z"), tokyo.resolveAt(LocalDate.of(2013, 1, 1), LocalTime.of(0, 0), now));
    }

    @Test
    void aDatedTimeInTheFutureIsRefused() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        IncidentException e = assertThrows(IncidentException.class,
                () -> service("UTC", now).resolveAt(LocalDate.of(2026, 11, 22), LocalTime.of(12, 1), now));
        assertTrue(e.getMessage().startsWith("`2026-11-22 12:01 UTC` is in the future (it is now 2026-11-22 12:00 UTC)"),
                e.getMessage());
    }
}

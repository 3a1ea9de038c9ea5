package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * {@code /incident at} in the zone it is read in (typed, or the typist's own), and never a guess around daylight
 * saving time: New York's clocks went back at 02:00 EDT on 2026-11-01 and forward at 02:00 EST on 2026-03-08.
 */
class AtTimeZonesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalDate BACK = LocalDate.of(2026, 11, 1);
    private static final LocalDate FORWARD = LocalDate.of(2026, 3, 8);

    /** A bot configured for New York, as in the issue. */
    private static IncidentService newYorkBot(Instant now) {
        return new IncidentService(null, Clock.fixed(now, ZoneOffset.UTC), NEW_YORK, ReactionMap.defaults());
    }

    @Test
    void aTimeIsReadInTheZoneGivenNotTheConfiguredOne() {
        // Someone in London types 01:30 to a New York bot: 01:30 in London, not 05:30 London time.
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        IncidentService bot = newYorkBot(now);
        assertEquals(Instant.parse("2026-12-02T01:30:00Z"), bot.resolveAt(null, LocalTime.of(1, 30), LONDON, now));
        assertEquals(Instant.parse("2026-12-02T06:30:00Z"), bot.resolveAt(null, LocalTime.of(1, 30), null, now));
        assertEquals(Instant.parse("2026-12-01T00:30:00Z"),
                bot.resolveAt(LocalDate.of(2026, 12, 1), LocalTime.of(1, 30), ZoneOffset.ofHours(1), now));
    }

    @Test
    void theHourThatRepeatsIsAskedAboutNamingBothOffsets() {
        Instant now = Instant.parse("2026-11-01T12:00:00Z");
        IncidentException e = assertThrows(IncidentException.class,
                () -> newYorkBot(now).resolveAt(BACK, LocalTime.of(1, 30), null, now));
        assertEquals("`2026-11-01 01:30` happened twice in America/New_York (at 02:00 EDT the clocks went back to "
                + "01:00 EST). Which one? Say `2026-11-01 01:30 EDT` for the first (-04:00) or `2026-11-01 01:30 EST` "
                + "for the second (-05:00). Nothing was recorded.", e.getMessage());
        // The zone named explicitly is no answer either: it is still the hour that repeats.
        assertThrows(IncidentException.class, () -> newYorkBot(now).resolveAt(BACK, LocalTime.of(1, 30), NEW_YORK, now));
        // A bare time on that night, once both have passed, is asked about too.
        assertThrows(IncidentException.class, () -> newYorkBot(now).resolveAt(null, LocalTime.of(1, 30), null, now));
    }

    @Test
    void theAnswersItSuggestsAreTakenAsTheyAreMeant() {
        Instant now = Instant.parse("2026-11-01T12:00:00Z");
        IncidentService bot = newYorkBot(now);
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"),
                bot.resolveAt(BACK, LocalTime.of(1, 30), TypedZone.parse("EDT").orElseThrow(), now));
        assertEquals(Instant.parse("2026-11-01T06:30:00Z"),
                bot.resolveAt(BACK, LocalTime.of(1, 30), TypedZone.parse("EST").orElseThrow(), now));
        assertEquals(Instant.parse("2026-11-01T06:30:00Z"),
                bot.resolveAt(BACK, LocalTime.of(1, 30), TypedZone.parse("-05:00").orElseThrow(), now));
    }

    @Test
    void aBareRepeatedTimeOfWhichOnlyTheFirstHasHappenedIsTheFirst() {
        Instant now = Instant.parse("2026-11-01T06:10:00Z"); // 01:10 EST: 01:30 EDT is past, 01:30 EST to come
        assertEquals(Instant.parse("2026-11-01T05:30:00Z"), newYorkBot(now).resolveAt(null, LocalTime.of(1, 30), null, now));
    }

    @Test
    void theHourThatNeverHappenedIsRefusedSayingWhy() {
        Instant now = Instant.parse("2026-03-08T15:00:00Z");
        IncidentException e = assertThrows(IncidentException.class,
                () -> newYorkBot(now).resolveAt(FORWARD, LocalTime.of(2, 30), null, now));
        assertEquals("`2026-03-08 02:30` never happened in America/New_York: at 02:00 EST the clocks went forward to "
                + "03:00 EDT. Nothing was recorded; check the time.", e.getMessage());
        assertThrows(IncidentException.class, () -> newYorkBot(now).resolveAt(null, LocalTime.of(2, 30), null, now));
        // With an offset it is a real moment.
        assertEquals(Instant.parse("2026-03-08T07:30:00Z"),
                newYorkBot(now).resolveAt(FORWARD, LocalTime.of(2, 30), ZoneOffset.ofHours(-5), now));
    }

    @Test
    void inLondonTheRepeatedHourSuggestsBstAndGmt() {
        Instant now = Instant.parse("2026-10-25T12:00:00Z");
        IncidentException e = assertThrows(IncidentException.class,
                () -> newYorkBot(now).resolveAt(LocalDate.of(2026, 10, 25), LocalTime.of(1, 15), LONDON, now));
        assertEquals("`2026-10-25 01:15` happened twice in Europe/London (at 02:00 BST the clocks went back to 01:00 GMT). "
                + "Which one? Say `2026-10-25 01:15 BST` for the first (+01:00) or `2026-10-25 01:15 GMT` for the second "
                + "(+00:00). Nothing was recorded.", e.getMessage());
    }

    @Test
    void theOldRulesHoldInAnyZone() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        assertThrows(IncidentException.class,
                () -> newYorkBot(now).resolveAt(LocalDate.of(2012, 12, 31), LocalTime.of(12, 0), ZoneOffset.ofHours(1), now));
        IncidentException future = assertThrows(IncidentException.class,
                () -> newYorkBot(now).resolveAt(LocalDate.of(2026, 11, 22), LocalTime.of(13, 30), LONDON, now));
        assertEquals("`2026-11-22 13:30 GMT` is in the future (it is now 2026-11-22 12:00 GMT); `at` records what "
                + "already happened.", future.getMessage());
    }
}

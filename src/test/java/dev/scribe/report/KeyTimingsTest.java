package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyTimingsTest {

    private static final Instant START = Instant.parse("2026-11-20T12:10:00Z");
    private static final Instant CLOSE = Instant.parse("2026-11-20T15:30:00Z");

    private static TimelineEntry mark(String at, EntryKind kind) {
        return TimelineEntry.of(Instant.parse(at), kind, "U1", "x");
    }

    private static String spans(KeyTimings t) {
        return String.join("; ", t.spans().stream().map(s -> s.label() + "=" + s.display()).toList());
    }

    @Test
    void everyKindPresentUsesTheEarliestOfEach() {
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(
                mark("2026-11-20T11:57:00Z", EntryKind.TRIGGER),
                mark("2026-11-20T12:05:00Z", EntryKind.DETECTED),
                mark("2026-11-20T12:02:00Z", EntryKind.DETECTED),
                mark("2026-11-20T12:12:00Z", EntryKind.ACKNOWLEDGED),
                mark("2026-11-20T13:40:00Z", EntryKind.CAUSE_IDENTIFIED),
                mark("2026-11-20T14:10:00Z", EntryKind.MITIGATED),
                mark("2026-11-20T14:49:00Z", EntryKind.RESOLVED)), null);
        assertEquals(Instant.parse("2026-11-20T12:02:00Z"), t.detected().at().orElseThrow());
        assertEquals("Time to detect=5m; Time to acknowledge=10m; Time to mitigate=2h 8m; Time to resolve=2h 47m; "
                + "Incident duration=2h 52m", spans(t));
    }

    @Test
    void missingMarksFallBackToStartAndClose() {
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(), null);
        assertTrue(t.triggered().at().isEmpty());
        assertEquals(START, t.detected().at().orElseThrow());
        assertEquals(CLOSE, t.resolved().at().orElseThrow());
        assertEquals("Time to detect=- (no trigger marked); Time to acknowledge=- (nothing marked acknowledged); "
                + "Time to mitigate=- (nothing marked mitigated); Time to resolve=3h 20m; Incident duration=3h 20m", spans(t));
    }

    @Test
    void statusResolvedCountsWhenEarlierThanTheMark() {
        Instant status = Instant.parse("2026-11-20T14:00:00Z");
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(mark("2026-11-20T14:30:00Z", EntryKind.RESOLVED)), status);
        assertEquals(status, t.resolved().at().orElseThrow());
        assertEquals("status resolved", t.resolved().source());
    }

    private static TimelineEntry status(String at, String word) {
        return TimelineEntry.of(Instant.parse(at), EntryKind.STATUS, "U1", word);
    }

    @Test
    void statusChangesAloneSetCauseIdentifiedMitigatedAndResolved() {
        // A team that works with /incident status and no emoji still gets every timing.
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(
                status("2026-11-20T12:40:00Z", "identified"),
                status("2026-11-20T13:10:00Z", "monitoring"),
                status("2026-11-20T13:30:00Z", "identified"),
                status("2026-11-20T14:00:00Z", "resolved")));
        assertEquals(Instant.parse("2026-11-20T12:40:00Z"), t.causeIdentified().at().orElseThrow());
        assertEquals("status identified", t.causeIdentified().source());
        assertEquals(Instant.parse("2026-11-20T13:10:00Z"), t.mitigated().at().orElseThrow());
        assertEquals("status monitoring", t.mitigated().source());
        assertEquals(Instant.parse("2026-11-20T14:00:00Z"), t.resolved().at().orElseThrow());
        assertEquals("status resolved", t.resolved().source());
        assertEquals("Time to detect=- (no trigger marked); Time to acknowledge=- (nothing marked acknowledged); "
                + "Time to mitigate=1h 0m; Time to resolve=1h 50m; Incident duration=1h 50m", spans(t));
    }

    @Test
    void theEarlierOfTheMarkAndTheStatusCounts() {
        KeyTimings statusFirst = KeyTimings.derive(START, CLOSE, List.of(
                status("2026-11-20T12:40:00Z", "identified"), mark("2026-11-20T12:50:00Z", EntryKind.CAUSE_IDENTIFIED),
                status("2026-11-20T13:10:00Z", "monitoring"), mark("2026-11-20T13:20:00Z", EntryKind.MITIGATED)));
        assertEquals(Instant.parse("2026-11-20T12:40:00Z"), statusFirst.causeIdentified().at().orElseThrow());
        assertEquals(Instant.parse("2026-11-20T13:10:00Z"), statusFirst.mitigated().at().orElseThrow());
        KeyTimings markFirst = KeyTimings.derive(START, CLOSE, List.of(
                mark("2026-11-20T12:30:00Z", EntryKind.CAUSE_IDENTIFIED), status("2026-11-20T12:40:00Z", "identified"),
                mark("2026-11-20T13:00:00Z", EntryKind.MITIGATED), status("2026-11-20T13:10:00Z", "monitoring")));
        assertEquals(Instant.parse("2026-11-20T12:30:00Z"), markFirst.causeIdentified().at().orElseThrow());
        assertEquals("marked", markFirst.causeIdentified().source());
        assertEquals(Instant.parse("2026-11-20T13:00:00Z"), markFirst.mitigated().at().orElseThrow());
        assertEquals("marked", markFirst.mitigated().source());
    }

    @Test
    void investigatingSetsNoTiming() {
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(status("2026-11-20T12:40:00Z", "investigating")));
        assertTrue(t.causeIdentified().at().isEmpty());
        assertTrue(t.mitigated().at().isEmpty());
        assertEquals(CLOSE, t.resolved().at().orElseThrow());
    }

    @Test
    void outOfOrderEndsAreShownAsDashWithTheReasonNeverNegative() {
        KeyTimings t = KeyTimings.derive(START, CLOSE, List.of(
                mark("2026-11-20T13:00:00Z", EntryKind.TRIGGER),
                mark("2026-11-20T12:30:00Z", EntryKind.DETECTED),
                mark("2026-11-20T12:20:00Z", EntryKind.MITIGATED)), null);
        assertEquals("- (Detected is before Triggered)", t.spans().get(0).display());
        assertEquals("- (Mitigated is before Detected)", t.spans().get(2).display());
        t.spans().forEach(s -> assertFalse(s.display().startsWith("-") && s.duration().isPresent()));
        t.spans().forEach(s -> s.duration().ifPresent(d -> assertFalse(d.isNegative())));
    }

    @Test
    void spansMidnightAndDays() {
        KeyTimings t = KeyTimings.derive(Instant.parse("2024-12-03T23:50:00Z"), Instant.parse("2024-12-05T03:00:00Z"), List.of(
                mark("2024-12-03T16:01:00Z", EntryKind.TRIGGER),
                mark("2024-12-04T13:43:00Z", EntryKind.DETECTED),
                mark("2024-12-04T00:10:00Z", EntryKind.ACKNOWLEDGED)), null);
        assertEquals("21h 42m", t.spans().get(0).display());
        assertEquals("- (Acknowledged is before Detected)", t.spans().get(1).display());
        assertEquals("1d 10h", t.duration().display());
    }

    @Test
    void openIncidentHasNoCloseYet() {
        KeyTimings t = KeyTimings.derive(START, null, List.of(), null);
        assertTrue(t.closed().at().isEmpty());
        assertEquals("- (not resolved yet)", t.duration().display());
    }

    @Test
    void acrossTheDstChangeInLondonDurationsAreRealTimeAndTimesCarryTheirZone() {
        // Clocks went back at 02:00 BST on 2024-10-27: 01:30 BST to 01:30 GMT is an hour on the wall, two in fact.
        KeyTimings t = KeyTimings.derive(Instant.parse("2024-10-27T00:20:00Z"), Instant.parse("2024-10-27T03:00:00Z"),
                List.of(mark("2024-10-27T00:15:00Z", EntryKind.TRIGGER),
                        mark("2024-10-27T00:30:00Z", EntryKind.DETECTED),
                        mark("2024-10-27T01:30:00Z", EntryKind.MITIGATED),
                        mark("2024-10-27T02:30:00Z", EntryKind.RESOLVED)), null);
        assertEquals("Time to detect=15m; Time to acknowledge=- (nothing marked acknowledged); Time to mitigate=1h 0m; "
                + "Time to resolve=2h 0m; Incident duration=2h 15m", spans(t));

        var base = SampleIncidents.forumsMerge();
        var record = new dev.scribe.incident.IncidentRecord(base.incident(), base.messages(), List.of(
                mark("2024-10-27T00:30:00Z", EntryKind.DETECTED), mark("2024-10-27T02:30:00Z", EntryKind.RESOLVED)),
                List.of());
        String md = new PostmortemRenderer().render(new PostmortemCompiler(SampleIncidents.directory(),
                java.time.ZoneId.of("Europe/London")).compile(record));
        assertTrue(md.contains("| Detected | 2024-10-27 01:30 BST |"), md);
        assertTrue(md.contains("| Resolved | 2024-10-27 02:30 GMT |"), md);
    }

    /**
     * {@link EntryKind#movesKeyTiming} is what decides whether the pinned header is refreshed after a mark or an
     * {@code at}: it must name exactly the kinds whose entry changes a key timing here.
     */
    @Test
    void theKindsThatMoveAKeyTimingAreExactlyThoseThatChangeOne() {
        KeyTimings none = KeyTimings.derive(START, CLOSE, List.of(), null);
        for (EntryKind kind : EntryKind.values()) {
            KeyTimings one = KeyTimings.derive(START, CLOSE, List.of(mark("2026-11-20T12:30:00Z", kind)), null);
            assertEquals(kind.movesKeyTiming(), !one.equals(none), kind.name());
        }
    }
}

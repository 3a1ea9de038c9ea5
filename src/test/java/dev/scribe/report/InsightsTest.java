package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Severity;
import dev.scribe.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InsightsTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    private static List<Duration> minutes(long... values) {
        List<Duration> list = new ArrayList<>();
        for (long v : values) {
            list.add(Duration.ofMinutes(v));
        }
        return list;
    }

    @Test
    void medianOfAnOddSetIsItsMiddleAndOfAnEvenSetTheMeanOfTheTwoMiddleOnes() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), Insights.median(minutes(1, 5, 60)));
        assertEquals(Optional.of(Duration.ofSeconds(450)), Insights.median(minutes(5, 10)));
        assertEquals(Optional.of(Duration.ofMinutes(7)), Insights.median(minutes(7)));
        assertEquals(Optional.empty(), Insights.median(List.of()));
    }

    @Test
    void p90IsTheNearestRankSoAlwaysATimeSomeIncidentTook() {
        assertEquals(Optional.of(Duration.ofMinutes(9)), Insights.percentile(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 90));
        assertEquals(Optional.of(Duration.ofMinutes(10)), Insights.percentile(minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11), 90));
        assertEquals(Optional.of(Duration.ofMinutes(10)), Insights.percentile(minutes(5, 10), 90));
        assertEquals(Optional.of(Duration.ofMinutes(3)), Insights.percentile(minutes(3), 90));
        assertEquals(Optional.empty(), Insights.percentile(List.of(), 90));
    }

    private static Insights.Incident incident(int number, Severity severity, Instant start, Integer trigger, Integer ack,
                                              Integer mitigated, Integer resolvedAfter) {
        List<TimelineEntry> entries = new ArrayList<>();
        if (trigger != null) {
            entries.add(TimelineEntry.of(start.minus(Duration.ofMinutes(trigger)), EntryKind.TRIGGER, "U1", "t"));
        }
        if (ack != null) {
            entries.add(TimelineEntry.of(start.plus(Duration.ofMinutes(ack)), EntryKind.ACKNOWLEDGED, "U1", "a"));
        }
        if (mitigated != null) {
            entries.add(TimelineEntry.of(start.plus(Duration.ofMinutes(mitigated)), EntryKind.STATUS, "U1", "monitoring"));
        }
        Instant closed = resolvedAfter == null ? null : start.plus(Duration.ofMinutes(resolvedAfter));
        return new Insights.Incident(number, severity, start, KeyTimings.derive(start, closed, entries));
    }

    @Test
    void countsBySeverityPerWeekAndFiguresFromTheKeyTimings() {
        // 2026-11-02 is a Monday; the range starts mid-week, so its first bucket is the week of 2026-10-26.
        Instant mon = Instant.parse("2026-11-02T10:00:00Z");
        List<Insights.Incident> incidents = List.of(
                incident(1, Severity.SEV2, mon, 10, 5, 20, 30),
                incident(2, Severity.SEV2, mon.plus(Duration.ofDays(2)), 5, 10, null, 60),
                incident(3, Severity.SEV1, mon.plus(Duration.ofDays(8)), null, null, null, null));
        Insights insights = Insights.of(incidents, LocalDate.parse("2026-10-29"), LocalDate.parse("2026-11-15"),
                Insights.Grouping.WEEK, UTC);
        assertEquals(List.of(LocalDate.parse("2026-10-26"), LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-09")),
                insights.buckets().stream().map(Insights.Bucket::start).toList());
        assertEquals(List.of(0, 0, 0, 0), insights.buckets().get(0).bySeverity());
        assertEquals(List.of(0, 2, 0, 0), insights.buckets().get(1).bySeverity());
        assertEquals(List.of(1, 0, 0, 0), insights.buckets().get(2).bySeverity());

        Insights.Figure detect = insights.figures().get(0);
        assertEquals("Time to detect", detect.label());
        assertEquals(2, detect.count());
        assertEquals(Optional.of(Duration.ofSeconds(450)), detect.median());
        assertEquals(Optional.of(Duration.ofMinutes(10)), detect.p90());
        Insights.Figure ack = insights.figures().get(1);
        assertEquals(Optional.of(Duration.ofSeconds(450)), ack.median());
        Insights.Figure mitigate = insights.figures().get(2);
        assertEquals(1, mitigate.count(), "status monitoring counts as mitigated");
        assertEquals(Optional.of(Duration.ofMinutes(20)), mitigate.p90());
        Insights.Figure resolve = insights.figures().get(3);
        assertEquals(2, resolve.count(), "the open incident has no time to resolve");
        assertEquals(Optional.of(Duration.ofMinutes(45)), resolve.median());
        assertEquals(Optional.of(Duration.ofMinutes(60)), resolve.p90());
        assertEquals("", resolve.noData());

        // Least marked first; detected falls back to the start and resolved to the close, which are not marks.
        assertEquals(List.of("Detected 0/3", "Cause identified 0/3", "Resolved 0/3", "Mitigated 1/3", "Triggered 2/3",
                        "Acknowledged 2/3"),
                insights.moments().stream().map(m -> m.label() + " " + m.marked() + "/" + m.of()).toList());
        assertEquals(66, insights.moments().get(4).percent());
    }

    @Test
    void monthsStartOnTheFirstAndDaysAreTheTeamsZone() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        // 23:30 UTC on 30 November is 1 December in Tokyo.
        Insights insights = Insights.of(List.of(incident(1, Severity.SEV4, Instant.parse("2026-11-30T23:30:00Z"),
                        null, null, null, 5)), LocalDate.parse("2026-10-15"), LocalDate.parse("2026-12-31"),
                Insights.Grouping.MONTH, tokyo);
        assertEquals(List.of("2026-10-01 0", "2026-11-01 0", "2026-12-01 1"),
                insights.buckets().stream().map(b -> b.start() + " " + b.total()).toList());
    }

    @Test
    void emptyRangesSayWhyThereIsNoFigure() {
        Insights none = Insights.of(List.of(), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"),
                Insights.Grouping.MONTH, UTC);
        assertEquals(0, none.incidents());
        for (Insights.Figure f : none.figures()) {
            assertEquals(Optional.empty(), f.median());
            assertEquals(Optional.empty(), f.p90());
            assertEquals("No incident started in this range.", f.noData());
        }
        assertTrue(none.moments().stream().allMatch(m -> m.percent() == 0 && m.of() == 0));

        Instant at = Instant.parse("2026-11-10T10:00:00Z");
        Insights untriggered = Insights.of(List.of(incident(1, Severity.SEV3, at, null, null, null, null)),
                LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-30"), Insights.Grouping.MONTH, UTC);
        assertEquals("Nobody marked a trigger in this range, so there is no time to detect.",
                untriggered.figures().get(0).noData());
        assertEquals("No incident of this range has been resolved or closed yet.", untriggered.figures().get(3).noData());
    }
}

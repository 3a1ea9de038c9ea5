package dev.scribe.report;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The moments that matter and the durations between them, exactly as the product defines them:
 * Triggered = earliest TRIGGER; Detected = earliest DETECTED, else the start; Acknowledged = earliest of its
 * kind; Cause identified = earliest CAUSE_IDENTIFIED mark or {@code status identified}; Mitigated = earliest
 * MITIGATED mark or {@code status monitoring}; Resolved = earliest RESOLVED mark or {@code status resolved}, else
 * the close; Closed = the close. A team that works with statuses rather than emoji gets the same timings.
 */
public record KeyTimings(
        Moment triggered,
        Moment detected,
        Moment acknowledged,
        Moment causeIdentified,
        Moment mitigated,
        Moment resolved,
        Moment closed) {

    /** A named moment; {@code at} is empty when nothing marks it, and {@code source} says where it came from. */
    public record Moment(String label, Optional<Instant> at, String source) {
        static Moment of(String label, Instant at, String source) {
            return new Moment(label, Optional.ofNullable(at), source);
        }
    }

    /** A duration between two moments; {@code duration} is empty, with {@code reason}, when it cannot be told. */
    public record Span(String label, Optional<Duration> duration, String reason) {
        /** {@code 2h 47m}, or {@code -} followed by the reason. */
        public String display() {
            return duration.map(Durations::format).orElse("- (" + reason + ")");
        }
    }

    /**
     * Derives the key timings of an incident. The status changes are read from the {@link EntryKind#STATUS}
     * entries among {@code entries} (their text is the status word, e.g. {@code identified}).
     *
     * @param startedAt when the incident was opened
     * @param closedAt  when it was closed; null while open
     * @param entries   the timeline entries (only the marked kinds and the status changes are read)
     */
    public static KeyTimings derive(Instant startedAt, Instant closedAt, Collection<TimelineEntry> entries) {
        return derive(startedAt, closedAt, entries, null);
    }

    /**
     * As {@link #derive(Instant, Instant, Collection)}, with a {@code status resolved} time known besides the
     * entries (null when none); the earlier of the two counts.
     */
    public static KeyTimings derive(Instant startedAt, Instant closedAt, Collection<TimelineEntry> entries,
                                    Instant statusResolvedAt) {
        Instant trigger = earliest(entries, EntryKind.TRIGGER);
        Instant detected = earliest(entries, EntryKind.DETECTED);
        Instant resolvedMark = earliest(entries, EntryKind.RESOLVED);
        Instant resolved = min(resolvedMark, min(statusResolvedAt, earliestStatus(entries, Status.RESOLVED)));
        return new KeyTimings(
                Moment.of("Triggered", trigger, trigger == null ? "no trigger marked" : "marked"),
                detected != null ? Moment.of("Detected", detected, "marked")
                        : Moment.of("Detected", startedAt, "start of the incident (nothing marked detected)"),
                marked("Acknowledged", entries, EntryKind.ACKNOWLEDGED),
                markedOrStatus("Cause identified", entries, EntryKind.CAUSE_IDENTIFIED, Status.IDENTIFIED),
                markedOrStatus("Mitigated", entries, EntryKind.MITIGATED, Status.MONITORING),
                resolved != null ? Moment.of("Resolved", resolved, resolved.equals(resolvedMark) ? "marked" : "status resolved")
                        : Moment.of("Resolved", closedAt, closedAt == null ? "not resolved yet" : "the close (nothing marked resolved)"),
                Moment.of("Closed", closedAt, closedAt == null ? "still open" : "closed"));
    }

    /** The earlier of the first mark of {@code kind} and the first change to {@code status}. */
    private static Moment markedOrStatus(String label, Collection<TimelineEntry> entries, EntryKind kind, Status status) {
        Instant mark = earliest(entries, kind);
        Instant changed = earliestStatus(entries, status);
        Instant at = min(mark, changed);
        if (at == null) {
            return Moment.of(label, null, "nothing marked " + label.toLowerCase());
        }
        return Moment.of(label, at, at.equals(mark) ? "marked" : "status " + status.word());
    }

    private static Instant earliestStatus(Collection<TimelineEntry> entries, Status status) {
        return entries.stream().filter(e -> e.kind() == EntryKind.STATUS && status.word().equals(e.text()))
                .map(TimelineEntry::at).min(Instant::compareTo).orElse(null);
    }

    private static Moment marked(String label, Collection<TimelineEntry> entries, EntryKind kind) {
        Instant at = earliest(entries, kind);
        return Moment.of(label, at, at == null ? "nothing marked " + label.toLowerCase() : "marked");
    }

    private static Instant earliest(Collection<TimelineEntry> entries, EntryKind kind) {
        return entries.stream().filter(e -> e.kind() == kind).map(TimelineEntry::at).min(Instant::compareTo).orElse(null);
    }

    private static Instant min(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }

    /** The moments in the order the report lists them. */
    public List<Moment> moments() {
        return List.of(triggered, detected, acknowledged, causeIdentified, mitigated, resolved, closed);
    }

    /** Time to detect, acknowledge, mitigate, resolve, and the incident's duration. */
    public List<Span> spans() {
        return List.of(
                span("Time to detect", triggered, detected),
                span("Time to acknowledge", detected, acknowledged),
                span("Time to mitigate", detected, mitigated),
                span("Time to resolve", detected, resolved),
                duration());
    }

    /** Resolved - (Triggered, else Detected). */
    public Span duration() {
        return span("Incident duration", triggered.at().isPresent() ? triggered : detected, resolved);
    }

    private static Span span(String label, Moment from, Moment to) {
        if (from.at().isEmpty()) {
            return new Span(label, Optional.empty(), from.source());
        }
        if (to.at().isEmpty()) {
            return new Span(label, Optional.empty(), to.source());
        }
        Duration d = Duration.between(from.at().get(), to.at().get());
        if (d.isNegative()) {
            return new Span(label, Optional.empty(), to.label() + " is before " + from.label());
        }
        return new Span(label, Optional.of(d), "");
    }
}

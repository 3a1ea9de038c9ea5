package dev.scribe.report;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The moments that matter and the durations between them, exactly as the product defines them:
 * Triggered = earliest TRIGGER; Detected = earliest DETECTED, else the start; Acknowledged, Cause
 * identified, Mitigated = earliest of their kind; Resolved = earliest RESOLVED mark or {@code status
 * resolved}, else the close; Closed = the close.
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
     * Derives the key timings of an incident.
     *
     * @param startedAt        when the incident was opened
     * @param closedAt         when it was closed; null while open
     * @param entries          the timeline entries (only the marked kinds are read)
     * @param statusResolvedAt the first {@code status resolved}, or null
     */
    public static KeyTimings derive(Instant startedAt, Instant closedAt, Collection<TimelineEntry> entries,
                                    Instant statusResolvedAt) {
        Instant trigger = earliest(entries, EntryKind.TRIGGER);
        Instant detected = earliest(entries, EntryKind.DETECTED);
        Instant resolvedMark = earliest(entries, EntryKind.RESOLVED);
        Instant resolved = min(resolvedMark, statusResolvedAt);
        return new KeyTimings(
                Moment.of("Triggered", trigger, trigger == null ? "no trigger marked" : "marked"),
                detected != null ? Moment.of("Detected", detected, "marked")
                        : Moment.of("Detected", startedAt, "start of the incident (nothing marked detected)"),
                marked("Acknowledged", entries, EntryKind.ACKNOWLEDGED),
                marked("Cause identified", entries, EntryKind.CAUSE_IDENTIFIED),
                marked("Mitigated", entries, EntryKind.MITIGATED),
                resolved != null ? Moment.of("Resolved", resolved, resolved.equals(resolvedMark) ? "marked" : "status resolved")
                        : Moment.of("Resolved", closedAt, closedAt == null ? "not resolved yet" : "the close (nothing marked resolved)"),
                Moment.of("Closed", closedAt, closedAt == null ? "still open" : "closed"));
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

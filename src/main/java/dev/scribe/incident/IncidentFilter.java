package dev.scribe.incident;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which incidents a list shows: open ones, closed ones or both; some severities and statuses; started in
 * {@code [startedFrom, startedBefore)}. The lists are never empty: "any" is every value.
 */
public record IncidentFilter(boolean open, boolean closed, Set<Severity> severities, Set<Status> statuses,
                             Instant startedFrom, Instant startedBefore) {

    public IncidentFilter {
        if (severities.isEmpty() || statuses.isEmpty()) {
            throw new IllegalArgumentException("a filter names at least one severity and one status");
        }
        severities = Set.copyOf(severities);
        statuses = Set.copyOf(statuses);
    }

    /** Every incident. */
    public static IncidentFilter all() {
        return new IncidentFilter(true, true, EnumSet.allOf(Severity.class), EnumSet.allOf(Status.class),
                Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
    }
}

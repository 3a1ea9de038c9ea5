package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.TimelineEntry;

/** A timeline entry read with its incident's number: a row of {@code timeline_entries}, or a marked message. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record NumberedEntryRow(int incidentNumber, long atUs, String kind, String authorId, String body,
                               String messageTs) {
    TimelineEntry toEntry() {
        return new TimelineEntry(Micros.toInstant(atUs), EntryKind.valueOf(kind), authorId, body, messageTs);
    }
}

package dev.scribe.incident;

import java.util.List;

/**
 * Everything recorded for one incident: the input of the report compiler. Messages and entries are in
 * time order; deleted messages are not here; marks may name messages that are not (yet) recorded.
 * The messages are read from where they are kept each time they are gone through ({@link MessageLog}).
 * {@code roles} says who holds each role in force now.
 */
public record IncidentRecord(Incident incident, MessageLog messages, List<TimelineEntry> entries, List<Mark> marks,
                             RoleHolders roles) {
    public IncidentRecord {
        entries = List.copyOf(entries);
        marks = List.copyOf(marks);
    }

    /** A record without the roles besides the commander's. */
    public IncidentRecord(Incident incident, MessageLog messages, List<TimelineEntry> entries, List<Mark> marks) {
        this(incident, messages, entries, marks, RoleHolders.none());
    }

    /** A record of messages in memory. */
    public IncidentRecord(Incident incident, List<RecordedMessage> messages, List<TimelineEntry> entries,
                          List<Mark> marks) {
        this(incident, MessageLog.of(messages), entries, marks);
    }

    /** A record of messages in memory, with no marks. */
    public IncidentRecord(Incident incident, List<RecordedMessage> messages, List<TimelineEntry> entries) {
        this(incident, MessageLog.of(messages), entries, List.of());
    }
}

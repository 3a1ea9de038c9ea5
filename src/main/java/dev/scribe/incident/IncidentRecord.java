package dev.scribe.incident;

import java.util.List;

/**
 * Everything recorded for one incident: the input of the report compiler. Messages and entries are in
 * time order; deleted messages are not here; marks may name messages that are not (yet) recorded.
 */
public record IncidentRecord(Incident incident, List<RecordedMessage> messages, List<TimelineEntry> entries,
                             List<Mark> marks) {
    public IncidentRecord {
        messages = List.copyOf(messages);
        entries = List.copyOf(entries);
        marks = List.copyOf(marks);
    }

    /** A record with no marks. */
    public IncidentRecord(Incident incident, List<RecordedMessage> messages, List<TimelineEntry> entries) {
        this(incident, messages, entries, List.of());
    }
}

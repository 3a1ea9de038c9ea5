package dev.scribe.incident;

import java.util.List;

/** Everything recorded for one incident: the input of the report compiler. Lists are in time order. */
public record IncidentRecord(Incident incident, List<RecordedMessage> messages, List<TimelineEntry> entries) {
    public IncidentRecord {
        messages = List.copyOf(messages);
        entries = List.copyOf(entries);
    }
}

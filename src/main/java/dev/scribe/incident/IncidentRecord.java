package dev.scribe.incident;

import java.util.List;

/**
 * Everything recorded for one incident: the input of the report compiler. Messages and entries are in
 * time order; deleted messages are not here; marks may name messages that are not (yet) recorded; {@code added} are
 * the messages of other channels (or from before the incident) put on its timeline with the shortcut.
 * The messages are read from where they are kept each time they are gone through ({@link MessageLog}).
 * {@code readBack} says which of them were read back from Slack after a gap rather than received live;
 * {@code roles} who holds each role in force now.
 */
public record IncidentRecord(Incident incident, MessageLog messages, List<TimelineEntry> entries, List<Mark> marks,
                             List<AddedMessage> added, ReadBack readBack, RoleHolders roles) {
    public IncidentRecord {
        entries = List.copyOf(entries);
        marks = List.copyOf(marks);
        added = List.copyOf(added);
    }

    /** A record with no messages added from elsewhere, of which nothing was read back, and no roles but the commander's. */
    public IncidentRecord(Incident incident, MessageLog messages, List<TimelineEntry> entries, List<Mark> marks) {
        this(incident, messages, entries, marks, List.of(), ReadBack.NONE, RoleHolders.none());
    }

    /** A record without the roles besides the commander's. */
    public IncidentRecord(Incident incident, MessageLog messages, List<TimelineEntry> entries, List<Mark> marks,
                          List<AddedMessage> added, ReadBack readBack) {
        this(incident, messages, entries, marks, added, readBack, RoleHolders.none());
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

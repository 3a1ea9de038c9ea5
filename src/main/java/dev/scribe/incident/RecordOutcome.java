package dev.scribe.incident;

/** What happened to a message handed to {@link IncidentService#record}. */
public enum RecordOutcome {
    /** Stored in the incident open in its channel. */
    RECORDED,
    /** The same message (channel and ts) or the same Slack event was stored before; nothing changed. */
    DUPLICATE,
    /** No incident is open in the message's channel; nothing stored. */
    NOT_IN_AN_INCIDENT
}

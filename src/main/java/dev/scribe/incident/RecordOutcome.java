package dev.scribe.incident;

/** What happened to a message handed to {@link IncidentService#record}. */
public enum RecordOutcome {
    /** Stored in the incident open in its channel. */
    RECORDED,
    /**
     * The same message (channel and ts) was stored before, here or by another replica: a Slack retry of its event
     * carries the same message, so the message's key refuses it and nothing changes. Only a store that stores before
     * it answers can tell this; one that takes messages to store a moment later answers {@link #ACCEPTED} and leaves
     * the copy out when it stores.
     */
    DUPLICATE,
    /** No incident is open in the message's channel; nothing stored. */
    NOT_IN_AN_INCIDENT,
    /** The message's time is not one a Slack message can have ({@link MessageTimes}); nothing stored. */
    IMPLAUSIBLE_TIME,
    /**
     * Taken for storing and safe from a crash, stored a moment later if an incident is open in its channel then
     * (the store reads and changes nothing before it is).
     */
    ACCEPTED
}

package dev.scribe.incident;

/** What putting a message on an incident's timeline did. */
public enum AddedToTimeline {
    /** A message from outside the incident's record became an entry at its own time. */
    ADDED,
    /** A message the incident had recorded was marked, as a reaction of that kind would have. */
    MARKED,
    /** The message was on that incident's timeline already (added, or marked by the same person): nothing changed. */
    ALREADY_THERE
}

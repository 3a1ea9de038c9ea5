package dev.scribe.incident;

import java.util.Optional;

/**
 * The messages announcing incidents in the channel where they were started (when they live in a channel of
 * their own), so that an announcement can say what the incident is now, not what it was opened as.
 */
public interface Announcements {

    /** Where incident {@code incidentNumber} was announced: the channel and the message's ts. */
    record Announcement(int incidentNumber, String channelId, String messageTs) {
    }

    /** Remembers an incident's announcement; an incident has one, and a second is ignored. */
    void remember(Announcement announcement);

    /** The incident's announcement, if it was posted. */
    Optional<Announcement> of(int incidentNumber);
}

package dev.scribe.reminder;

import java.time.Instant;
import java.util.Optional;

/**
 * What the reminders need of an open incident, read from the database. {@code lastActivity} is the latest of its
 * start, its timeline entries (status changes, notes, `at` entries, action items ...) and its marks; {@code
 * lastUpdateReminder} when the last update reminder was sent (null: none); {@code resolvedSince} when it was resolved
 * (its status set to resolved, else its first RESOLVED mark; null: not resolved); {@code closeReminded} whether the
 * close reminder of this open spell was sent.
 */
public record OpenIncidentActivity(int number, String channelId, String commanderId, int closeCount,
                                   Instant lastActivity, Instant lastUpdateReminder, Instant resolvedSince,
                                   boolean closeReminded) {

    /** The commander, if the incident has one. */
    public Optional<String> commander() {
        return Optional.ofNullable(commanderId);
    }
}

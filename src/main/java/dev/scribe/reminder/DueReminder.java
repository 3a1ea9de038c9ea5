package dev.scribe.reminder;

import java.time.Duration;
import java.util.Optional;

/**
 * A reminder that is due: which incident, which of its kind ({@code occurrence}, the key that makes it sent once),
 * where it goes ({@code threadTs} null for the channel itself), whom it addresses (null: the channel) and the setting's
 * duration it waited.
 */
public record DueReminder(ReminderKind kind, int incidentNumber, int closeCount, long occurrence, String channelId,
                          String threadTs, String commanderId, Duration after) {

    /** The person it addresses, if any. */
    public Optional<String> commander() {
        return Optional.ofNullable(commanderId);
    }
}

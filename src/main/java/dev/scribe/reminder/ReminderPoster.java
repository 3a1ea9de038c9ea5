package dev.scribe.reminder;

import java.util.Optional;

/** Posts a reminder in Slack. */
public interface ReminderPoster {

    /** Posts it; returns the message's ts, or empty when there was nothing to say (no action item lacks an owner). */
    Optional<String> post(DueReminder reminder);
}

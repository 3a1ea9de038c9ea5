package dev.scribe.reminder;

import java.time.Instant;
import java.util.List;

/** Where reminders are scheduled from: what happened in incidents, and which reminders were sent, by any replica. */
public interface ReminderStore {

    /** Every open incident with its latest activity and the reminders it got. */
    List<OpenIncidentActivity> openIncidents();

    /**
     * Incidents whose latest close was from {@code from} to {@code to}, whose summary is posted and which had no
     * action reminder for that close yet.
     */
    List<ClosedIncident> closedBetween(Instant from, Instant to);

    /**
     * Takes the reminder for {@code worker}, in one transaction that also checks it still applies (the incident is
     * open, or for {@link ReminderKind#ACTION} closed, with the same close count). False when it does not apply, or
     * when any replica took it before.
     */
    boolean claim(DueReminder reminder, String worker, Instant now);

    /** Remembers the ts of the reminder's message. */
    void posted(DueReminder reminder, String ts);
}

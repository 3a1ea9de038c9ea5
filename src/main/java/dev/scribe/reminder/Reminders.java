package dev.scribe.reminder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the reminders that are due, scheduled from the database: whatever replica runs {@link #remind} first takes a
 * reminder (a claim in one transaction, which also checks the incident is still open) and posts it, so each is sent
 * once across replicas and restarts, and none for an incident that has since closed. A reminder whose post fails is
 * not tried again: a late nudge is worth less than a duplicate costs.
 */
public final class Reminders {

    private static final Logger log = LoggerFactory.getLogger(Reminders.class);

    private final ReminderSettings settings;
    private final ReminderStore store;
    private final ReminderPoster poster;
    private final Clock clock;
    private final String worker = "scribe-" + UUID.randomUUID().toString().substring(0, 8);

    public Reminders(ReminderSettings settings, ReminderStore store, ReminderPoster poster, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.poster = poster;
        this.clock = clock;
    }

    /** Sends every reminder due now. Safe to run on several threads and replicas at once. */
    public void remind() {
        Instant now = clock.instant();
        List<OpenIncidentActivity> open = settings.update().isPresent() || settings.close().isPresent()
                ? store.openIncidents() : List.of();
        List<ClosedIncident> closed = settings.action()
                .map(after -> store.closedBetween(now.minus(after).minus(ReminderSchedule.ACTION_LOOKBACK), now.minus(after)))
                .orElse(List.of());
        for (DueReminder reminder : ReminderSchedule.due(settings, now, open, closed)) {
            if (!store.claim(reminder, worker, now)) {
                continue;
            }
            try {
                poster.post(reminder).ifPresent(ts -> store.posted(reminder, ts));
                log.info("Sent the {} reminder of incident {}", reminder.kind(), reminder.incidentNumber());
            } catch (RuntimeException e) {
                log.warn("The {} reminder of incident {} could not be posted ({}); it is not sent again",
                        reminder.kind(), reminder.incidentNumber(), e.toString());
            }
        }
    }
}

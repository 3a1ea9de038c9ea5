package dev.scribe.reminder;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Which reminders are due now, from what the database says happened. Pure. */
final class ReminderSchedule {

    private ReminderSchedule() {
    }

    /**
     * The reminders due at {@code now}. An update reminder falls due a period after the later of the incident's last
     * activity and its last update reminder, so activity puts it off and it repeats at most once a period; a resolved
     * incident gets the close reminder instead. A close reminder falls due a period after the incident was resolved,
     * once per open spell; an action reminder a period after the close, once per close.
     */
    static List<DueReminder> due(ReminderSettings settings, Instant now, List<OpenIncidentActivity> open,
                                 List<ClosedIncident> closed) {
        List<DueReminder> due = new ArrayList<>();
        for (OpenIncidentActivity a : open) {
            if (a.resolvedSince() != null) {
                settings.close().ifPresent(after -> {
                    if (!a.closeReminded() && !now.isBefore(a.resolvedSince().plus(after))) {
                        due.add(new DueReminder(ReminderKind.CLOSE, a.number(), a.closeCount(), a.closeCount(),
                                a.channelId(), null, a.commanderId(), after));
                    }
                });
                continue;
            }
            settings.update().ifPresent(after -> {
                Instant since = a.lastUpdateReminder() != null && a.lastUpdateReminder().isAfter(a.lastActivity())
                        ? a.lastUpdateReminder() : a.lastActivity();
                Instant dueAt = since.plus(after);
                if (!now.isBefore(dueAt)) {
                    due.add(new DueReminder(ReminderKind.UPDATE, a.number(), a.closeCount(), micros(dueAt),
                            a.channelId(), null, a.commanderId(), after));
                }
            });
        }
        settings.action().ifPresent(after -> {
            for (ClosedIncident c : closed) {
                if (!now.isBefore(c.closedAt().plus(after))) {
                    due.add(new DueReminder(ReminderKind.ACTION, c.number(), c.closeCount(), c.closeCount(),
                            c.channelId(), c.summaryTs(), c.commanderId(), after));
                }
            }
        });
        return due;
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }

    /** How far back, beyond its period, a close still gets its action reminder (after downtime, or once turned on). */
    static final Duration ACTION_LOOKBACK = Duration.ofDays(1);
}

package dev.scribe.storage;

import dev.scribe.reminder.OpenIncidentActivity;
import java.util.stream.LongStream;

/** An open incident's activity, as {@link ReminderDao#openIncidents} reads it. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record OpenIncidentActivityRow(int incidentNumber, String channelId, String commanderId, int closeCount,
                                      String status, long startedAtUs, Long lastEntryUs, Long lastMarkUs,
                                      Long lastUpdateReminderUs, Long resolvedStatusUs, Long resolvedMarkUs,
                                      long closeReminders) {

    OpenIncidentActivity toActivity() {
        long last = LongStream.of(startedAtUs, orZero(lastEntryUs), orZero(lastMarkUs)).max().getAsLong();
        Long resolved = "RESOLVED".equals(status) ? (resolvedStatusUs != null ? resolvedStatusUs : Long.valueOf(last))
                : resolvedMarkUs;
        return new OpenIncidentActivity(incidentNumber, channelId, commanderId, closeCount, Micros.toInstant(last),
                lastUpdateReminderUs == null ? null : Micros.toInstant(lastUpdateReminderUs),
                resolved == null ? null : Micros.toInstant(resolved), closeReminders > 0);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}

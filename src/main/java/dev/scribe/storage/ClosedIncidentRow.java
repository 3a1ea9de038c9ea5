package dev.scribe.storage;

import dev.scribe.reminder.ClosedIncident;

/** A closed incident with its posted summary, as {@link ReminderDao#closedBetween} reads it. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record ClosedIncidentRow(int incidentNumber, String channelId, String commanderId, int closeCount,
                                long closedAtUs, String summaryTs) {

    ClosedIncident toClosed() {
        return new ClosedIncident(incidentNumber, channelId, commanderId, closeCount, Micros.toInstant(closedAtUs),
                summaryTs);
    }
}

package dev.scribe.storage;

import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;

/** A row of {@code incidents} as the database holds it. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record IncidentRow(
        int incidentNumber,
        String title,
        String severity,
        String status,
        String channelId,
        String openChannelId,
        String originChannelId,
        String commanderId,
        String openedBy,
        long startedAtUs,
        Long closedAtUs,
        String resolution,
        String headerTs,
        int closeCount) {

    Incident toIncident() {
        return new Incident(incidentNumber, title, Severity.valueOf(severity), Status.valueOf(status), channelId,
                originChannelId, commanderId, openedBy, Micros.toInstant(startedAtUs),
                closedAtUs == null ? null : Micros.toInstant(closedAtUs), resolution, headerTs, closeCount);
    }
}

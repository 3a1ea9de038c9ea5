package dev.scribe.incident;

import java.time.Instant;

/**
 * What is known of an incident when it is opened, as {@link IncidentService} decided it (its status and commander
 * included); the store gives it its number.
 */
public record NewIncident(
        String title,
        Severity severity,
        Status status,
        String channelId,
        String originChannelId,
        String commanderId,
        String openedBy,
        Instant startedAt) {
}

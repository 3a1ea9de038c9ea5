package dev.scribe.incident;

import java.time.Instant;

/** What is known of an incident when it is opened; the store gives it its number. */
public record NewIncident(
        String title,
        Severity severity,
        String channelId,
        String originChannelId,
        String openedBy,
        Instant startedAt) {
}

package dev.scribe.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One incident as stored. {@code channelId} is where it lives (its own channel, or the channel where it
 * was started in {@code here} mode); {@code closedAt} is null while it is open; {@code closeCount} counts
 * closes (a reopened incident closed again gets a report of its own).
 */
public record Incident(
        int number,
        String title,
        Severity severity,
        Status status,
        String channelId,
        String originChannelId,
        String commanderId,
        String openedBy,
        Instant startedAt,
        Instant closedAt,
        String resolution,
        String headerTs,
        int closeCount) {

    /** True until the incident is closed. */
    public boolean isOpen() {
        return closedAt == null;
    }

    /** The close time, if closed. */
    public Optional<Instant> closed() {
        return Optional.ofNullable(closedAt);
    }

    /** The resolution given at close, if any. */
    public Optional<String> resolutionText() {
        return Optional.ofNullable(resolution).filter(r -> !r.isBlank());
    }

    /** The ts of the pinned header message, once posted. */
    public Optional<String> header() {
        return Optional.ofNullable(headerTs);
    }
}

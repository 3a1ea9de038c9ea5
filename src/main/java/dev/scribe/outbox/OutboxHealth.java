package dev.scribe.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What /healthz says of the outbox: posts Slack has not accepted yet, when the oldest of them was stored (null when
 * none waits) and its age, and the channels that cannot take a report. Any of those makes the bot degraded, not
 * down: every report is kept.
 */
public record OutboxHealth(long pendingPosts, Instant oldestPendingSince, Duration oldestPendingAge,
                           List<ParkedChannel> parked) {
    public OutboxHealth {
        parked = List.copyOf(parked);
    }

    /** A channel the outbox stopped trying for a report, since when, and what Slack answered last. */
    public record ParkedChannel(ReportKey report, String channelId, String error, Instant parkedAt) {
    }

    /** True when a report cannot be posted somewhere until a person acts. */
    public boolean degraded() {
        return !parked.isEmpty();
    }
}

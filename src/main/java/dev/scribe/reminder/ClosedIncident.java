package dev.scribe.reminder;

import java.time.Instant;

/**
 * A closed incident whose action reminder may be due: its latest close, and the ts of that close's summary in its
 * channel (the reminder goes in its thread).
 */
public record ClosedIncident(int number, String channelId, String commanderId, int closeCount, Instant closedAt,
                             String summaryTs) {
}

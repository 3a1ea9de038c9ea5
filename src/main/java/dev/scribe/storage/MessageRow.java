package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;

/** A row of {@code messages}. */
public record MessageRow(String channelId, String ts, String threadTs, String authorId, String body, long postedAtUs) {
    RecordedMessage toMessage() {
        return new RecordedMessage(channelId, ts, threadTs, authorId, body, Micros.toInstant(postedAtUs));
    }
}

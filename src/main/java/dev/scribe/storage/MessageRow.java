package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;

/** A row of {@code messages}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record MessageRow(String channelId, String ts, String threadTs, String authorId, String body, long postedAtUs) {
    RecordedMessage toMessage() {
        return new RecordedMessage(channelId, ts, threadTs, authorId, body, Micros.toInstant(postedAtUs));
    }
}

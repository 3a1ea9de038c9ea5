package dev.scribe.storage;

import dev.scribe.incident.AddedMessage;
import dev.scribe.incident.EntryKind;

/** A row of {@code timeline_messages}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record AddedMessageRow(String channelId, String ts, String threadTs, String authorId, String body,
                              long postedAtUs, String kind, String addedBy, String note, String permalink) {
    AddedMessage toMessage() {
        return new AddedMessage(channelId, ts, threadTs, authorId, body, Micros.toInstant(postedAtUs),
                EntryKind.valueOf(kind), addedBy, note, permalink);
    }
}

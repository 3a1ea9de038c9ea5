package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Mark;

/** A row of {@code marks}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record MarkRow(String channelId, String ts, String kind, String userId) {
    Mark toMark() {
        return new Mark(channelId, ts, EntryKind.valueOf(kind), userId);
    }
}

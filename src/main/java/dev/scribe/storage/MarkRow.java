package dev.scribe.storage;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Mark;

/** A row of {@code marks}. */
public record MarkRow(String channelId, String ts, String kind, String userId) {
    Mark toMark() {
        return new Mark(channelId, ts, EntryKind.valueOf(kind), userId);
    }
}

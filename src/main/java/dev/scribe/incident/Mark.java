package dev.scribe.incident;

/** Someone's reaction on a message of an incident, read as the kind of moment it marks. */
public record Mark(String channelId, String ts, EntryKind kind, String userId) {
}

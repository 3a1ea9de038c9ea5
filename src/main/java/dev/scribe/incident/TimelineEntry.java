package dev.scribe.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * One entry of the incident's timeline: a command's note, a lifecycle change, or a message someone
 * marked. {@code messageTs} links a marked message (for its permalink); it is null for entries the bot
 * wrote. {@code text} uses Slack's encoding, like {@link RecordedMessage#text()}.
 */
public record TimelineEntry(Instant at, EntryKind kind, String authorId, String text, String messageTs) {

    /** An entry written for a command or a lifecycle change. */
    public static TimelineEntry of(Instant at, EntryKind kind, String authorId, String text) {
        return new TimelineEntry(at, kind, authorId, text, null);
    }

    /** The marked message's ts, when this entry comes from a message. */
    public Optional<String> message() {
        return Optional.ofNullable(messageTs);
    }
}

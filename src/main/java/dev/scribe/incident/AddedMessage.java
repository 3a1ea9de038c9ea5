package dev.scribe.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * A message someone put on an incident's timeline with the "Add to incident timeline" shortcut, from any channel
 * (the alert in #alerts, the customer report in #support): an entry at the message's own time, of the kind they
 * chose, counting for the key timings like a mark of that kind. {@code text} is Slack's encoding as sent, like
 * {@link RecordedMessage#text()}; {@code note} is what the person added, as typed (plain text, may be null);
 * {@code permalink} is Slack's link to the message, null until Slack gave one. {@code authorId} is the user, or
 * for an app's message (an alert) its bot id.
 */
public record AddedMessage(
        String channelId,
        String ts,
        String threadTs,
        String authorId,
        String text,
        Instant postedAt,
        EntryKind kind,
        String addedBy,
        String note,
        String permalink) {

    public AddedMessage {
        if (!kind.isMarkable()) {
            throw new IllegalArgumentException("a message is added as a kind people mark, not " + kind);
        }
    }

    /** The person's note, when they wrote one. */
    public Optional<String> noteText() {
        return Optional.ofNullable(note).map(String::strip).filter(n -> !n.isEmpty());
    }

    /** Slack's link to the message, once known. */
    public Optional<String> link() {
        return Optional.ofNullable(permalink);
    }

    /** The same message with Slack's link to it. */
    public AddedMessage withPermalink(String link) {
        return new AddedMessage(channelId, ts, threadTs, authorId, text, postedAt, kind, addedBy, note, link);
    }

    /**
     * The timeline entry it stands for: at the message's time, by its author, its text (and the note, written in
     * Slack's encoding like the text, with who wrote it).
     */
    public TimelineEntry asEntry() {
        String body = text + noteText().map(n -> "\n(note by <@" + addedBy + ">: " + UserText.asSlackMarkup(n) + ")")
                .orElse("");
        return new TimelineEntry(postedAt, kind, authorId, body, null);
    }
}

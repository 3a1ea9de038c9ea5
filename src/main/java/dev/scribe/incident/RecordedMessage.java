package dev.scribe.incident;

import java.time.Instant;
import java.util.Optional;

/**
 * A human message of the incident channel as recorded. {@code ts} is Slack's id for the message and
 * {@code postedAt} the instant it encodes: the message's own time, never the time it reached us.
 * {@code text} is Slack's encoded text as sent (mentions as {@code <@U123>}, {@code &amp;} escapes).
 */
public record RecordedMessage(
        String channelId,
        String ts,
        String threadTs,
        String authorId,
        String text,
        Instant postedAt) {

    /** The parent's ts when this is a reply in a thread (Slack sets thread_ts == ts on the parent). */
    public Optional<String> parentTs() {
        return threadTs == null || threadTs.equals(ts) ? Optional.empty() : Optional.of(threadTs);
    }

    /** True for a reply inside a thread. */
    public boolean isThreadReply() {
        return parentTs().isPresent();
    }
}

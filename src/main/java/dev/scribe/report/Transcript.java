package dev.scribe.report;

import dev.scribe.incident.MessageLog;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.report.Postmortem.TranscriptItem;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The recorded messages as the transcript shows them, in time order. Each item is made as it is rendered, from
 * messages read afresh: a compiled item (names resolved, text parsed) is larger than the message it comes
 * from, and holding all of them, the messages and the Markdown being written pushed the close of a large
 * incident into full garbage collections (measured in docs/performance.md, "Close").
 */
public final class Transcript {

    private final MessageLog messages;
    private final int size;
    private final long recordedChars;
    private final Function<RecordedMessage, TranscriptItem> item;
    private final Instant first;
    private final Instant last;

    /** {@code first} and {@code last} are the earliest and latest message times, null when there are none. */
    Transcript(MessageLog messages, int size, long recordedChars, Instant first, Instant last,
               Function<RecordedMessage, TranscriptItem> item) {
        this.messages = messages;
        this.size = size;
        this.recordedChars = recordedChars;
        this.first = first;
        this.last = last;
        this.item = item;
    }

    /** The earliest and the latest message time, so the renderer knows the span before it writes a line. */
    Optional<Instant> first() {
        return Optional.ofNullable(first);
    }

    Optional<Instant> last() {
        return Optional.ofNullable(last);
    }

    /** How many messages were recorded when the report was compiled. */
    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Hands every item to {@code action}, in time order. */
    public void forEach(Consumer<TranscriptItem> action) {
        messages.forEach(m -> action.accept(item.apply(m)));
    }

    /** Hands every message as recorded to {@code action}, in time order: for a pass that makes no items. */
    void forEachMessage(Consumer<RecordedMessage> action) {
        messages.forEach(action);
    }

    /** The item of one message, as {@link #forEach} makes it. */
    TranscriptItem item(RecordedMessage message) {
        return item.apply(message);
    }

    /** The characters of the messages' texts as recorded: what sizes the Markdown buffer. */
    long recordedChars() {
        return recordedChars;
    }
}

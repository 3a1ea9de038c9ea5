package dev.scribe.report;

import dev.scribe.incident.MessageLog;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.report.Postmortem.TranscriptItem;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The recorded messages as the transcript shows them, in time order. Each item is made as it is rendered, from
 * messages read afresh: a compiled item (names resolved, text parsed) is larger than the message it comes
 * from, and holding all of them, the messages and the Markdown being written pushed a 100,000-message close
 * into full garbage collections in a 256 MB heap (docs/performance.md).
 */
public final class Transcript {

    private final MessageLog messages;
    private final int size;
    private final long recordedChars;
    private final Function<RecordedMessage, TranscriptItem> item;

    Transcript(MessageLog messages, int size, long recordedChars, Function<RecordedMessage, TranscriptItem> item) {
        this.messages = messages;
        this.size = size;
        this.recordedChars = recordedChars;
        this.item = item;
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

    /** The characters of the messages' texts as recorded: what sizes the Markdown buffer. */
    long recordedChars() {
        return recordedChars;
    }
}

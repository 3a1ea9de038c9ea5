package dev.scribe.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The recorded messages of one incident, handed over in time order (then by ts) each time they are read.
 * A store reads them afresh on every pass instead of holding them: a large incident's messages are many
 * megabytes of objects, and holding them through a close pushed it into full garbage collections (measured in
 * docs/performance.md, "Close").
 */
@FunctionalInterface
public interface MessageLog {

    /** Hands every message to {@code action}, in time order. */
    void forEach(Consumer<RecordedMessage> action);

    /** The messages, all in memory: for tests and small incidents. */
    default List<RecordedMessage> toList() {
        List<RecordedMessage> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    /** A log of messages already in memory, put in time order. */
    static MessageLog of(List<RecordedMessage> messages) {
        List<RecordedMessage> sorted = messages.stream()
                .sorted(Comparator.comparing(RecordedMessage::postedAt).thenComparing(RecordedMessage::ts)).toList();
        return sorted::forEach;
    }
}

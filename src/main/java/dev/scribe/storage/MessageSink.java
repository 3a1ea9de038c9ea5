package dev.scribe.storage;

import dev.scribe.incident.RecordOutcome;

/** Where received messages go on their way into the {@code messages} table. */
interface MessageSink extends AutoCloseable {

    /**
     * Takes the message for storing; when this returns, the message survives the bot being killed.
     *
     * @throws RuntimeException when it could not be taken; nothing of it is kept then
     */
    RecordOutcome record(ReceivedMessage message);

    /**
     * Returns once every message taken before the call is in the database, so what is read or changed next sees
     * them (a close, an edit, a reaction).
     */
    void awaitStored();

    /**
     * False while messages taken are not reaching the database (a writer that stores after the ack has failed to
     * for a while); a writer that stores before it answers refuses the message instead, and is always storing.
     */
    default boolean isStoring() {
        return true;
    }

    @Override
    void close();
}

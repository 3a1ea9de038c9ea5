package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * Stores messages with group commit: messages that arrive while another commit is in progress are written
 * together in the next transaction, so a busy channel costs one commit per batch rather than one per message.
 * Durability is unchanged: {@link #record} returns only after the transaction holding its message committed,
 * so the caller still acknowledges only what is stored.
 *
 * <p>Why: every commit is a write to the database file (H2 with {@code WRITE_DELAY=0}) or a log flush
 * (PostgreSQL, MariaDB), and commits queue behind each other; per-message commits held the bot at a fraction
 * of the baseline's throughput (docs/performance.md). Thread-safe; no thread of its own: whoever holds the lock
 * writes everything queued, the others wait for it.
 */
final class MessageWriter {

    /** At most this many messages per transaction, so one commit never grows without bound. */
    static final int MAX_BATCH = 256;

    private final Jdbi jdbi;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    MessageWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Stores the message (and claims its event, when it has an id) once committed. Returns false, and changes
     * nothing, when the event or the message was stored before.
     *
     * @throws JdbiException when the database fails; nothing of this message is stored then
     */
    boolean record(int incidentNumber, RecordedMessage message, String eventId, long recordedAtUs) {
        Pending pending = new Pending(incidentNumber, message, eventId, recordedAtUs, new CompletableFuture<>());
        queue.add(pending);
        // The message is queued before the lock is taken, so a writer that got there first may have written it.
        // Otherwise this thread writes batches until its own is among them: with more messages queued than one
        // batch holds, waiting for a later writer could wait for one that never comes.
        writing.lock();
        try {
            while (!pending.stored.isDone()) {
                writeQueued();
            }
        } finally {
            writing.unlock();
        }
        try {
            return pending.stored.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while storing a message", e);
        }
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(h -> batch.forEach(p -> insert(h, p)));
            batch.forEach(p -> p.stored.complete(true));
        } catch (RuntimeException e) {
            // A duplicate (a Slack retry) or a failure rolls the whole batch back: store each on its own, so
            // only the message it concerns is refused.
            batch.forEach(this::writeAlone);
        }
    }

    private void writeAlone(Pending p) {
        try {
            jdbi.useTransaction(h -> insert(h, p));
            p.stored.complete(true);
        } catch (JdbiException e) {
            if (Sql.isDuplicateKey(e)) {
                p.stored.complete(false);
            } else {
                p.stored.completeExceptionally(e);
            }
        } catch (RuntimeException e) {
            p.stored.completeExceptionally(e);
        }
    }

    private static void insert(Handle h, Pending p) {
        RecordedMessage m = p.message;
        if (p.eventId != null) {
            h.createUpdate(MessageDao.CLAIM_EVENT).bind("eventId", p.eventId).bind("receivedAtUs", p.recordedAtUs).execute();
        }
        h.createUpdate(MessageDao.INSERT).bind("incident", p.incidentNumber).bind("channelId", m.channelId())
                .bind("ts", m.ts()).bind("threadTs", m.threadTs()).bind("authorId", m.authorId()).bind("body", m.text())
                .bind("postedAtUs", Micros.of(m.postedAt())).bind("recordedAtUs", p.recordedAtUs).execute();
    }

    private record Pending(int incidentNumber, RecordedMessage message, String eventId, long recordedAtUs,
                           CompletableFuture<Boolean> stored) {
    }
}

package dev.scribe.storage;

import dev.scribe.incident.RecordOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
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
 * writes what is queued, the others park until their message is written or they are asked to write.
 */
final class MessageWriter implements MessageSink {

    /** At most this many messages per transaction, so one commit never grows without bound. */
    static final int MAX_BATCH = 256;

    private final Jdbi jdbi;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();

    MessageWriter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Stores the message in the incident open in its channel and returns once that is committed. Changes nothing
     * when no incident is open there, or when the message (channel and ts) was stored before.
     *
     * @throws JdbiException when the database fails; nothing of this message is stored then
     */
    @Override
    public RecordOutcome record(ReceivedMessage message) {
        Pending pending = new Pending(message, new CompletableFuture<>(), Thread.currentThread());
        queue.add(pending);
        boolean interrupted = false;
        // Waiters park rather than queue on the lock: the writer wakes each waiter whose message it stored, all
        // at once, instead of each one taking and releasing the lock in turn to find out (that hand-off chain,
        // one context switch per waiter, kept batches at about one message). A waiter writes itself only when a
        // writer that is done wakes it as the oldest still queued.
        while (!pending.stored.isDone()) {
            if (writing.tryLock()) {
                try {
                    while (!pending.stored.isDone()) {
                        writeQueued();
                    }
                } finally {
                    writing.unlock();
                    // Whoever queued while this thread held the lock may be parked, counting on a writer.
                    Pending oldest = queue.peek();
                    if (oldest != null) {
                        LockSupport.unpark(oldest.waiter);
                    }
                }
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            return pending.stored.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Nothing to wait for: {@link #record} returns only once its message is committed. */
    @Override
    public void awaitStored() {
    }

    @Override
    public void close() {
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
            try {
                List<RecordOutcome> outcomes = jdbi.inTransaction(h -> batch.stream().map(p -> insert(h, p.message)).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).stored.complete(outcomes.get(i));
                }
            } catch (RuntimeException e) {
                if (Sql.isConnectionFailure(e)) {
                    // The database is out of reach: each message on its own would wait for a connection again, and
                    // the events' answers are due within Slack's 3 seconds.
                    batch.forEach(p -> p.stored.completeExceptionally(e));
                } else {
                    // A duplicate (a Slack retry) or a failure rolls the whole batch back: store each on its own, so
                    // only the message it concerns is refused.
                    batch.forEach(this::writeAlone);
                }
            }
        } catch (Error e) {
            batch.forEach(p -> p.stored.completeExceptionally(e));
            throw e;
        } finally {
            batch.forEach(p -> LockSupport.unpark(p.waiter));
        }
    }

    private void writeAlone(Pending p) {
        try {
            p.stored.complete(Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> insert(h, p.message)),
                    e -> RecordOutcome.DUPLICATE));
        } catch (RuntimeException e) {
            p.stored.completeExceptionally(e);
        }
    }

    /** Stores one message; a duplicate message throws, rolling back the transaction it is in. */
    static RecordOutcome insert(Handle h, ReceivedMessage received) {
        if (MessageDao.bindMessage(h.createUpdate(MessageDao.INSERT_IN_OPEN_INCIDENT), received).execute() == 0) {
            return RecordOutcome.NOT_IN_AN_INCIDENT;
        }
        return RecordOutcome.RECORDED;
    }

    private record Pending(ReceivedMessage message, CompletableFuture<RecordOutcome> stored, Thread waiter) {
    }
}

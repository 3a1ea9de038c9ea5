package dev.scribe.storage;

import dev.scribe.incident.RecordOutcome;
import dev.scribe.logging.LogSafe;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages by appending them to a {@link MessageJournal} (the event is acknowledged after that) and stores
 * them in the database from one thread of its own, one transaction per batch: everything queued once the oldest
 * message has waited {@link #BATCH_WINDOW_MS} for others, at most {@link #MAX_BATCH}. The wait is cut short when
 * someone needs the messages stored now ({@link #awaitStored}, or a new message waiting for room in a full journal),
 * when {@link #MAX_BATCH} are queued, and when closing.
 * For the embedded H2 database only: the journal is a file next to it, so it lives and dies with it; replicas on
 * PostgreSQL or MariaDB use {@link MessageWriter}, whose commit is the ack's, as no replica's local file may be the
 * only copy of a message.
 *
 * <p>Everything that reads or changes messages first calls {@link #awaitStored}, so a close, an edit, a reaction
 * or a newly opened incident sees exactly the messages received before it, as if they had been stored at once.
 *
 * <p>Nothing taken is dropped: a batch the database refuses is tried again (backing off up to
 * {@link #MAX_RETRY_DELAY_MS}) and stays in the journal meanwhile, also when the database answers but refuses the
 * messages themselves (a table gone, a disk full: every message would be refused alike, and dropping them would lose
 * what Slack saw acknowledged; the listeners refuse beforehand what the schema cannot hold). An {@link Error} in the
 * applier (an {@link OutOfMemoryError} caused by other threads) is retried the same way rather than ending it; at start-up whatever the journal still holds
 * is stored before anything else happens (storing is idempotent: a message already there is left alone). A half
 * of the journal is emptied once everything in it is stored; when both are full (a flood faster than the database
 * stores, or a database that does not answer), new messages wait for room, and after {@link #AWAIT_ROOM_MS} are
 * refused, so Slack retries them.
 */
final class JournaledMessageWriter implements MessageSink {

    private static final Logger log = LoggerFactory.getLogger(JournaledMessageWriter.class);

    /** How long the first message of a batch waits for others: fewer, larger commits cost far less on H2. */
    static final long BATCH_WINDOW_MS = 100;
    static final int MAX_BATCH = 5_000;
    static final long MAX_RETRY_DELAY_MS = 30_000;

    /**
     * How long storing may fail before {@link #isStoring} says so: long enough for a passing hiccup (a lock
     * timeout, a connection replaced) to go unreported, short enough that a monitor sees a real failure while the
     * messages are still safe in the journal.
     */
    static final long FAILING_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** When the current run of failed attempts to store began ({@link System#nanoTime}); 0 while storing works. */
    private volatile long failingSinceNanos;
    /**
     * How long {@link #awaitStored} waits for a database that does not answer before it gives up: reactions, edits
     * and deletes wait here before their answer, which Slack expects within 3 seconds.
     */
    static final long AWAIT_STORED_MS = 2_000;
    /**
     * How long a message waits for room in a full journal before it is refused: Slack stops waiting for the ack
     * after 3 seconds, and a refused event is retried.
     */
    static final long AWAIT_ROOM_MS = 2_000;

    /** How often a message tries for the lock before it queues on it (a few microseconds in all). */
    static final int APPEND_SPINS = 200;

    private final Jdbi jdbi;
    private final MessageJournal journal;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when there is work for the applier: a message, a wait for stored messages, or closing. */
    private final Condition work = lock.newCondition();
    /** Signalled when messages were stored. */
    private final Condition progress = lock.newCondition();
    // Guarded by lock: messages taken but not stored yet (oldest first), counts of messages taken and stored
    // since start, the count someone waits to see stored, closing.
    private final ArrayDeque<ReceivedMessage> queued = new ArrayDeque<>();
    private long taken;
    private long stored;
    private long awaited;
    private boolean closing;
    private int waitingForRoom;

    private final Thread applier;

    private JournaledMessageWriter(Jdbi jdbi, MessageJournal journal) {
        this.jdbi = jdbi;
        this.journal = journal;
        this.applier = new Thread(this::applyUntilClosed, "scribe-message-journal");
        applier.setDaemon(true);
    }

    /**
     * Opens the journal, stores what it holds from an earlier run (before returning) and starts storing new
     * messages.
     */
    static JournaledMessageWriter start(Jdbi jdbi, Path journalFile) {
        return start(jdbi, journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES);
    }

    static JournaledMessageWriter start(Jdbi jdbi, Path journalFile, int journalBytes) {
        MessageJournal journal = MessageJournal.open(journalFile, journalBytes);
        try {
            JournaledMessageWriter writer = new JournaledMessageWriter(jdbi, journal);
            writer.recover();
            writer.applier.start();
            return writer;
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
    }

    private void recover() {
        MessageJournal.Contents left = journal.read();
        if (left.unreadableBytes() > 0) {
            log.warn("The message journal {} ends with {} bytes that are not a whole record (a write cut off when the "
                    + "machine stopped); they were never acknowledged and are ignored", journal.file(),
                    left.unreadableBytes());
        }
        List<ReceivedMessage> messages = left.messages();
        for (int from = 0; from < messages.size(); from += MAX_BATCH) {
            // At start-up a database failure is a failed start, not a retry loop: the journal stays as it is.
            List<ReceivedMessage> batch = messages.subList(from, Math.min(messages.size(), from + MAX_BATCH));
            try {
                store(batch);
            } catch (RuntimeException e) {
                if (!Database.answers(jdbi)) {
                    throw e;
                }
                storeRecoveredOneByOne(batch);
            }
        }
        if (!messages.isEmpty()) {
            log.info("Stored {} messages received before the last stop, from the message journal", messages.size());
        }
        journal.clear();
    }

    /**
     * A journal written by a version that took messages the schema cannot hold (a user id over 32 characters, a ts
     * past 2262) would otherwise stop every start: those are logged and left out, once, at start-up only. Such
     * messages are refused before their ack since (the listeners check ids and times), so none is taken any more.
     */
    private void storeRecoveredOneByOne(List<ReceivedMessage> batch) {
        for (ReceivedMessage m : batch) {
            try {
                storeAlone(m);
            } catch (RuntimeException e) {
                if (!Database.answers(jdbi)) {
                    throw e;
                }
                log.error("Message {} in {} from the message journal cannot be stored ({}) and is left out",
                        LogSafe.text(m.message().ts()), LogSafe.text(m.message().channelId()),
                        LogSafe.text(String.valueOf(e.getMessage())));
            }
        }
    }

    @Override
    public RecordOutcome record(ReceivedMessage message) {
        byte[] record = MessageJournal.encode(message);
        lockSoon();
        try {
            if (closing) {
                throw new IllegalStateException("Incident Scribe is stopping; the message was not taken");
            }
            long left = TimeUnit.MILLISECONDS.toNanos(AWAIT_ROOM_MS);
            while (!journal.tryAppend(record)) {
                if (left <= 0 || closing) {
                    throw new IllegalStateException("The message journal is full: the database is not storing its "
                            + "messages, or not as fast as they come; the message was not taken");
                }
                // Both halves hold messages not stored: the applier stores what is queued, without waiting to
                // gather a batch, and empties the older half.
                awaited = Math.max(awaited, taken);
                work.signal();
                waitingForRoom++;
                try {
                    left = progress.awaitNanos(left);
                } finally {
                    waitingForRoom--;
                }
            }
            queued.add(message);
            taken++;
            if (queued.size() == 1) {
                work.signal();
            }
            return RecordOutcome.ACCEPTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for room in the message journal", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the lock, trying for a few microseconds before queueing on it. The lock is held for a copy of a few
     * hundred bytes, but a request thread that parks on it must then wait to be scheduled again behind every other
     * runnable thread: on two busy cores that was 70 ms on average, and most of the ack's p99 (docs/performance.md).
     */
    private void lockSoon() {
        for (int spin = 0; spin < APPEND_SPINS; spin++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    @Override
    public void awaitStored() {
        lock.lock();
        try {
            long target = taken;
            if (stored >= target) {
                return;
            }
            awaited = Math.max(awaited, target);
            work.signal();
            long left = TimeUnit.MILLISECONDS.toNanos(AWAIT_STORED_MS);
            while (stored < target) {
                if (left <= 0) {
                    throw new IllegalStateException("Messages received moments ago are not stored yet (the database "
                            + "is not answering); nothing was changed, try again in a moment");
                }
                left = progress.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for received messages to be stored", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isStoring() {
        long since = failingSinceNanos;
        return since == 0 || System.nanoTime() - since < FAILING_GRACE_NANOS;
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }

    /** Stores everything taken (or leaves it in the journal for the next start if the database fails), then stops. */
    @Override
    public void close() {
        lock.lock();
        try {
            closing = true;
            work.signal();
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            applier.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (applier.isAlive()) {
            log.warn("Received messages were still being stored at shutdown; the journal keeps them for the next start");
            applier.interrupt();
        }
        journal.close();
    }

    /**
     * Stores batches until closing. A batch leaves {@link #queued} only once stored, so a failure anywhere, an
     * {@link Error} included, loses nothing: the same messages are tried again after a back-off.
     */
    private void applyUntilClosed() {
        long delayMs = 100;
        int attempt = 1;
        while (true) {
            List<ReceivedMessage> batch;
            try {
                batch = nextBatch();
                if (batch == null) {
                    return;
                }
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                if (isClosing()) {
                    log.warn("Could not store received messages at shutdown ({}); the message journal keeps them "
                            + "for the next start", e.toString());
                    return;
                }
                if (attempt == 1) {
                    failingSinceNanos = nonZero(System.nanoTime());
                }
                log.error("Could not store received messages (attempt {}); they stay in the message journal and are "
                        + "tried again in {} ms", attempt, delayMs, e);
                try {
                    sleepUnlessClosing(delayMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                delayMs = Math.min(delayMs * 2, MAX_RETRY_DELAY_MS);
                attempt++;
                continue;
            }
            if (attempt > 1) {
                log.info("Stored {} received messages after {} attempts", batch.size(), attempt);
            }
            delayMs = 100;
            attempt = 1;
            failingSinceNanos = 0;
            markStored(batch.size());
        }
    }

    private void markStored(int count) {
        lock.lock();
        try {
            for (int i = 0; i < count; i++) {
                queued.poll();
            }
            stored += count;
            if (waitingForRoom > 0) {
                log.warn("The message journal was full: {} new messages waited for room while the ones before "
                        + "them were stored (a flood of events, or a slow database)", waitingForRoom);
            }
            journal.release(stored);
            progress.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The oldest messages to store (still queued until {@link #markStored}), once the batch window has passed; null
     * when closing and nothing is left.
     */
    private List<ReceivedMessage> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (queued.isEmpty()) {
                if (closing) {
                    return null;
                }
                work.await();
            }
            long left = TimeUnit.MILLISECONDS.toNanos(BATCH_WINDOW_MS);
            while (left > 0 && !closing && awaited <= stored && queued.size() < MAX_BATCH) {
                left = work.awaitNanos(left);
            }
            if (queued.size() <= MAX_BATCH) {
                // One array copy: request threads wait for this lock while the batch is taken.
                return new ArrayList<>(queued);
            }
            List<ReceivedMessage> batch = new ArrayList<>(MAX_BATCH);
            for (ReceivedMessage m : queued) {
                if (batch.size() == MAX_BATCH) {
                    break;
                }
                batch.add(m);
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private boolean isClosing() {
        lock.lock();
        try {
            return closing;
        } finally {
            lock.unlock();
        }
    }

    private void sleepUnlessClosing(long delayMs) throws InterruptedException {
        lock.lock();
        try {
            long left = TimeUnit.MILLISECONDS.toNanos(delayMs);
            while (left > 0 && !closing) {
                left = work.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * One transaction for the batch; if it fails, each message on its own transaction, so a message already stored
     * (a Slack retry, or a message of this batch stored alone by an earlier attempt) does not hold back the others.
     *
     * @throws RuntimeException when a message could not be stored on its own either (the database failed, or
     *                          refuses it); the messages before it may be stored then, and trying the whole batch
     *                          again is safe, since those are left alone as duplicates
     */
    private void store(List<ReceivedMessage> batch) {
        try {
            jdbi.useTransaction(h -> insertAll(h, batch));
        } catch (RuntimeException batchFailed) {
            for (ReceivedMessage m : batch) {
                storeAlone(m);
            }
        }
    }

    /**
     * The batch as one JDBC batch of {@link MessageDao#INSERT_IN_OPEN_INCIDENT}: a statement per message would cost
     * Jdbi's per-statement set-up once per message of the commit. A message whose channel has no open incident
     * inserts nothing; one stored before fails the whole batch on its key (see {@link #store}).
     */
    private static void insertAll(Handle h, List<ReceivedMessage> batch) {
        PreparedBatch messages = h.prepareBatch(MessageDao.INSERT_IN_OPEN_INCIDENT);
        for (ReceivedMessage received : batch) {
            MessageDao.bindMessage(messages, received).add();
        }
        messages.execute();
    }

    /** Stores one message; one stored before (a Slack retry, or a batch retried after a partial failure) is left alone. */
    private void storeAlone(ReceivedMessage m) {
        Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> MessageWriter.insert(h, m)), e -> RecordOutcome.DUPLICATE);
    }
}

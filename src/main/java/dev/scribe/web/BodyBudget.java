package dev.scribe.web;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes of request bodies held in memory across every request in flight, bounded. A body is buffered before
 * its signature can be checked, so without a bound a few hundred held uploads fill the heap. Bodies over
 * {@link #SMALL_BODY_BYTES} may use only part of the budget: Slack's own requests are a few kilobytes, and a flood
 * of large held bodies must leave them room. Thread-safe.
 */
final class BodyBudget {

    /** The budget when the heap allows it. */
    static final long DEFAULT_BYTES = 32L * 1024 * 1024;

    /** Bodies up to this size (every real Slack request) may use the whole budget; larger ones only most of it. */
    static final long SMALL_BODY_BYTES = 64 * 1024;

    private final long totalBytes;
    private final long largeBodyBytes;
    private long reserved;

    BodyBudget(long totalBytes) {
        this.totalBytes = totalBytes;
        this.largeBodyBytes = totalBytes - totalBytes / 4;
    }

    /** 32 MiB, or an eighth of the maximum heap when that is smaller. */
    static BodyBudget forThisHeap() {
        return new BodyBudget(Math.min(DEFAULT_BYTES, Runtime.getRuntime().maxMemory() / 8));
    }

    long totalBytes() {
        return totalBytes;
    }

    /** Room for {@code bytes} more, or empty when the budget cannot take them now. */
    synchronized Optional<Reservation> tryReserve(long bytes) {
        long limit = bytes <= SMALL_BODY_BYTES ? totalBytes : largeBodyBytes;
        if (reserved + bytes > limit) {
            return Optional.empty();
        }
        reserved += bytes;
        return Optional.of(new Reservation(bytes));
    }

    synchronized long reservedBytes() {
        return reserved;
    }

    private synchronized void release(long bytes) {
        reserved -= bytes;
    }

    /** Bytes taken from the budget; given back once, however often {@link #close} is called. */
    final class Reservation implements AutoCloseable {
        private final long bytes;
        private final AtomicBoolean released = new AtomicBoolean();

        private Reservation(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                release(bytes);
            }
        }
    }
}

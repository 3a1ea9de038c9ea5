package dev.scribe.slack;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Spreads the calls of each Web API method over time: at most {@code callsPerMinute} a minute each, the limit Slack
 * applies per method and workspace (Tier 3, 50 a minute, for {@code conversations.history} and {@code replies} of
 * an internal app), so that reading back never runs into it and leaves room for everything else. A rate limit Slack
 * answers anyway holds back every later call of that method until its {@code Retry-After} has passed. Thread-safe and
 * fair: callers waiting for the same method go in the order they came, so no catch-up starves another.
 */
final class SlackPacer {

    private final long intervalNanos;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Guards the waits, so that {@link #stop()} can end them without interrupting a thread (see there). */
    private final Object waiting = new Object();
    private volatile boolean stopped;

    /** One method's queue: the fair lock orders the waiters, {@code nextNanos} is when the next call may go. */
    private static final class Lane {
        final ReentrantLock turn = new ReentrantLock(true);
        final AtomicLong nextNanos = new AtomicLong(System.nanoTime());
    }

    SlackPacer(int callsPerMinute) {
        if (callsPerMinute < 1) {
            throw new IllegalArgumentException("callsPerMinute must be at least 1");
        }
        this.intervalNanos = TimeUnit.MINUTES.toNanos(1) / callsPerMinute;
    }

    /** The time between two calls of one method. */
    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /**
     * Blocks until a call of {@code method} may go, and counts it.
     *
     * @throws InterruptedException when the pacer was stopped (or the thread interrupted) while waiting
     */
    void await(String method) throws InterruptedException {
        Lane lane = lanes.computeIfAbsent(method, m -> new Lane());
        lane.turn.lockInterruptibly();
        try {
            long wait;
            // Read again after each wait: a rate limit met meanwhile pushes the next call further out.
            while ((wait = lane.nextNanos.get() - System.nanoTime()) > 0 || stopped) {
                synchronized (waiting) {
                    if (stopped) {
                        throw new InterruptedException("stopped");
                    }
                    TimeUnit.NANOSECONDS.timedWait(waiting, wait);
                }
            }
            long now = System.nanoTime();
            lane.nextNanos.accumulateAndGet(now + intervalNanos, Math::max);
        } finally {
            lane.turn.unlock();
        }
    }

    /**
     * Ends every wait, now and later: the bot is stopping. Threads are not interrupted for it, since an interrupt in
     * the middle of a write closes the embedded database's file.
     */
    void stop() {
        synchronized (waiting) {
            stopped = true;
            waiting.notifyAll();
        }
    }

    /** Slack rate-limited {@code method}: no call of it goes before {@code retryAfter} has passed. */
    void rateLimited(String method, Duration retryAfter) {
        Lane lane = lanes.computeIfAbsent(method, m -> new Lane());
        lane.nextNanos.accumulateAndGet(System.nanoTime() + retryAfter.toNanos(), Math::max);
    }
}

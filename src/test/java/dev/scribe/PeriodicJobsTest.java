package dev.scribe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The report outbox is drained by a periodic job: an Error in one run (an OutOfMemoryError caused by request threads)
 * must not cancel the runs after it, as a scheduled executor does with a job that throws.
 */
class PeriodicJobsTest {

    @Test
    void aDrainThatThrowsAnErrorRunsAgainOnSchedule() throws Exception {
        ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger runs = new AtomicInteger();
        try {
            reports.scheduleWithFixedDelay(() -> Scribe.survive("posting reports", () -> {
                if (runs.incrementAndGet() == 1) {
                    throw new OutOfMemoryError("Java heap space (test)");
                }
            }), 0, 10, TimeUnit.MILLISECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runs.get() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(runs.get() >= 3, "runs after the error: " + runs.get());
        } finally {
            reports.shutdownNow();
        }
        assertEquals(true, reports.awaitTermination(5, TimeUnit.SECONDS));
    }
}

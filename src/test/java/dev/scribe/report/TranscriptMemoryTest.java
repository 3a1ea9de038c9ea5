package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.RecordedMessage;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A close must not hold the whole transcript: in a 256 MB heap, holding a 100,000-message incident's messages
 * and their compiled items while the Markdown was written cost full garbage collections on every close.
 */
class TranscriptMemoryTest {

    private static final int MESSAGES = 20_000;
    private static final Instant START = Instant.parse("2025-03-29T22:00:00Z");

    /** Messages made afresh on every pass, each watched through a weak reference. */
    private static final class WatchedLog implements MessageLog {
        final List<List<WeakReference<RecordedMessage>>> passes = new ArrayList<>();
        Runnable atEndOfSecondPass = () -> { };

        @Override
        public void forEach(java.util.function.Consumer<RecordedMessage> action) {
            List<WeakReference<RecordedMessage>> handedOut = new ArrayList<>();
            passes.add(handedOut);
            for (int i = 0; i < MESSAGES; i++) {
                // Held strongly while it is handed out: a collection between making the weak reference and
                // reading it back would otherwise hand out null.
                RecordedMessage message = message(i);
                handedOut.add(new WeakReference<>(message));
                action.accept(message);
            }
            if (passes.size() == 2) {
                atEndOfSecondPass.run();
            }
        }

        private static RecordedMessage message(int i) {
            Instant at = START.plusSeconds(2L * i);
            return new RecordedMessage("C0INC", at.getEpochSecond() + ".000100", null, "U0" + (i % 7),
                    "Still seeing 502s on checkout (#" + i + ") <@U0" + (i % 3) + ">", at);
        }
    }

    @Test
    void messagesAlreadyWrittenToTheTranscriptAreNotHeldWhileTheRestIsWritten() {
        WatchedLog log = new WatchedLog();
        List<Boolean> released = new ArrayList<>();
        // Past each author's first message, nothing the compiler or renderer keeps should point at a message of
        // either pass; the last few may still sit in the renderer's locals.
        log.atEndOfSecondPass = () -> released.add(awaitCleared(log.passes.get(0).subList(100, MESSAGES - 100))
                && awaitCleared(log.passes.get(1).subList(100, MESSAGES - 100)));
        IncidentRecord record = new IncidentRecord(SampleIncidents.forumsMerge().incident(), log, List.of(), List.of());

        Postmortem report = new PostmortemCompiler(Directory.ofIdsOnly(), ZoneId.of("UTC")).compile(record);
        String markdown = new PostmortemRenderer().render(report);

        assertEquals(2, log.passes.size(), "one pass to compile, one to write the transcript");
        assertEquals(List.of(true), released, "messages written to the transcript were still reachable");
        assertEquals(MESSAGES, report.transcript().size());
        assertEquals(MESSAGES, markdown.lines().filter(l -> l.contains("Still seeing 502s on checkout")).count());
        assertTrue(markdown.contains("**@U00**: Still seeing 502s on checkout (#19999) @U01"), "the last message, names resolved");
    }

    /**
     * True once every referent is collected, false when collections did happen for 10 s and left one reachable. It asks for
     * collections for up to 10 s and waits between asks, so a JVM where {@code System.gc()} only starts a concurrent
     * cycle (-XX:+ExplicitGCInvokesConcurrent, ZGC, Shenandoah) has time to finish it; a JVM where no collection
     * happened at all (-XX:+DisableExplicitGC and no allocation) proves nothing, and the test is skipped.
     */
    private static boolean awaitCleared(List<WeakReference<RecordedMessage>> refs) {
        long collectionsBefore = collections();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            System.gc();
            if (refs.stream().allMatch(r -> r.get() == null)) {
                return true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        // Still reachable after collections: something holds them. No collection at all: nothing was shown.
        assumeTrue(collections() > collectionsBefore, "skipped: this JVM ran no garbage collection in 10 s when asked");
        return false;
    }

    /** Collections so far, of every collector of this JVM. */
    private static long collections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
    }
}

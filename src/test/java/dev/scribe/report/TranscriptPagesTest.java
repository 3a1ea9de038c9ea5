package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.report.TranscriptPages.Page;
import dev.scribe.report.TranscriptPages.Thread;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The transcript in pages: threads stay with their parent, or say where they came from and go on. */
class TranscriptPagesTest {

    private static final Instant START = Instant.parse("2025-03-29T22:00:00Z");

    private final List<RecordedMessage> messages = new ArrayList<>();

    private String say(String text) {
        return add(null, text);
    }

    private String reply(String parentTs, String text) {
        return add(parentTs, text);
    }

    private String add(String parentTs, String text) {
        Instant at = START.plusSeconds(10L * messages.size());
        String ts = at.getEpochSecond() + ".000100";
        messages.add(new RecordedMessage("C0INC", ts, parentTs, "U0ALICE", text, at));
        return ts;
    }

    private TranscriptPages pages(int size, MessageLog log) {
        IncidentRecord record = new IncidentRecord(SampleIncidents.forumsMerge().incident(), log, List.of(), List.of());
        return new TranscriptPages(new PostmortemCompiler(Directory.ofIdsOnly(), ZoneId.of("UTC")).compile(record)
                .transcript(), size);
    }

    private TranscriptPages pages(int size) {
        return pages(size, MessageLog.of(messages));
    }

    private static List<String> texts(Page page) {
        List<String> texts = new ArrayList<>();
        for (Thread t : page.threads()) {
            texts.add(t.first().text().toPlainString());
            t.replies().forEach(r -> texts.add("  " + r.text().toPlainString()));
        }
        return texts;
    }

    @Test
    void aThreadThatWouldStraddleTheBoundaryMovesWholeToTheNextPage() {
        say("one");
        String parent = say("two");
        say("three");
        reply(parent, "two-a");
        reply(parent, "two-b");
        TranscriptPages pages = pages(3);

        assertEquals(3, pages.count());
        assertEquals(List.of("one"), texts(pages.page(1)));
        assertEquals(List.of("two", "  two-a", "  two-b"), texts(pages.page(2)));
        // "three" was said before the replies but after their parent: it follows the whole thread.
        assertEquals(List.of("three"), texts(pages.page(3)));
    }

    @Test
    void messagesFollowTheirThreadInParentOrderOverThePages() {
        say("one");
        String parent = say("two");
        say("three");
        reply(parent, "two-a");
        TranscriptPages pages = pages(3);

        assertEquals(List.of(List.of("one", "two", "  two-a"), List.of("three")),
                List.of(texts(pages.page(1)), texts(pages.page(2))));
        assertEquals(3, pages.page(1).messages());
        assertTrue(pages.page(1).threads().stream().allMatch(t -> t.continuesOn().isEmpty() && t.continuedFrom().isEmpty()));
    }

    @Test
    void aThreadLongerThanAPageShowsItsParentAgainAndSaysWhereItGoesOn() {
        say("before");
        String parent = say("long thread");
        for (int i = 1; i <= 5; i++) {
            reply(parent, "r" + i);
        }
        say("after");
        TranscriptPages pages = pages(3);

        assertEquals(List.of("before"), texts(pages.page(1)));
        assertEquals(List.of("long thread", "  r1", "  r2"), texts(pages.page(2)));
        assertEquals(List.of("long thread", "  r3", "  r4"), texts(pages.page(3)));
        assertEquals(List.of("long thread", "  r5", "after"), texts(pages.page(4)));
        assertEquals(4, pages.count());

        Thread start = pages.page(2).threads().get(0);
        assertEquals(OptionalInt.empty(), start.continuedFrom());
        assertEquals(OptionalInt.of(3), start.continuesOn());
        Thread middle = pages.page(3).threads().get(0);
        assertEquals(OptionalInt.of(2), middle.continuedFrom());
        assertEquals(OptionalInt.of(4), middle.continuesOn());
        Thread end = pages.page(4).threads().get(0);
        assertEquals(OptionalInt.of(3), end.continuedFrom());
        assertEquals(OptionalInt.empty(), end.continuesOn());
        assertEquals(OptionalInt.empty(), pages.page(4).threads().get(1).continuedFrom());
    }

    @Test
    void aReplyWhoseParentIsNotInTheIncidentStandsAloneAndSaysSo() {
        reply("1700000000.000100", "reply to something older");
        say("next");
        Page page = pages(10).page(1);
        assertEquals(List.of("reply to something older", "next"), texts(page));
        assertTrue(page.threads().get(0).orphanReply());
        assertEquals(false, page.threads().get(1).orphanReply());
    }

    @Test
    void everyMessageIsOnExactlyOnePageOnceAndOnlyThatPagesItemsAreMade() {
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            if (i % 7 == 3 && !parents.isEmpty()) {
                reply(parents.get(i % parents.size()), "m" + i);
            } else {
                parents.add(say("m" + i));
            }
        }
        AtomicInteger passes = new AtomicInteger();
        MessageLog sorted = MessageLog.of(messages);
        MessageLog counted = action -> {
            passes.incrementAndGet();
            sorted.forEach(action);
        };
        TranscriptPages pages = pages(10, counted);
        List<String> seen = new ArrayList<>();
        int passesBefore = passes.get();
        for (int k = 1; k <= pages.count(); k++) {
            Page page = pages.page(k);
            assertTrue(page.messages() <= 10, "page " + k + " holds " + page.messages());
            texts(page).forEach(t -> seen.add(t.trim()));
        }
        assertEquals(pages.count(), passes.get() - passesBefore, "one pass a page");
        assertEquals(100, seen.size());
        assertEquals(100, seen.stream().distinct().count());
    }

    @Test
    void anEmptyTranscriptHasOneEmptyPageAndNoOther() {
        TranscriptPages pages = pages(10);
        assertEquals(1, pages.count());
        assertEquals(List.of(), pages.page(1).threads());
        assertThrows(IllegalArgumentException.class, () -> pages.page(2));
        assertThrows(IllegalArgumentException.class, () -> pages.page(0));
    }

    @Test
    void aMessageRecordedAfterTheLayoutWaitsForTheNextLayout() {
        say("one");
        List<RecordedMessage> growing = messages;
        MessageLog live = action -> MessageLog.of(growing).forEach(action);
        TranscriptPages pages = pages(10, live);
        say("two");
        assertEquals(List.of("one"), texts(pages.page(1)));
    }
}

package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportBlocks#pack}: a timeline split over thread messages at each of Slack's limits (3,000 characters a
 * section, the message's character budget, 50 blocks), in order and with nothing cut or shown twice.
 */
class ReportBlocksPackTest {

    /** Lines {@code width} characters long, each saying which it is, so a lost, repeated or moved line shows. */
    private static List<String> lines(int count, int width) {
        return IntStream.range(0, count).mapToObj(i -> {
            String start = "`" + i + "` entry ";
            return start + "x".repeat(width - start.length());
        }).toList();
    }

    /** Every line of every section of every message, in order. */
    private static List<String> shown(List<List<String>> messages) {
        List<String> out = new ArrayList<>();
        for (List<String> message : messages) {
            for (String section : message) {
                out.addAll(List.of(section.split("\n", -1)));
            }
        }
        return out;
    }

    private static void assertWithin(List<List<String>> messages, ReportBlocks.Limits limits) {
        for (List<String> message : messages) {
            assertTrue(message.size() <= limits.blocks(), message.size() + " blocks");
            int chars = 0;
            for (String section : message) {
                assertTrue(section.length() <= limits.section(), section.length() + " characters in a section");
                chars += section.length();
            }
            assertTrue(chars <= limits.message(), chars + " characters in a message");
        }
    }

    @Test
    void linesFillSectionsOfAtMost3000CharactersInOneMessageWhileTheBudgetAllows() {
        List<String> input = lines(40, 250); // 10,039 characters with line breaks: one message
        List<List<String>> messages = ReportBlocks.pack(input);
        assertEquals(1, messages.size());
        assertTrue(messages.get(0).size() >= 4, "a section holds at most 11 such lines: " + messages.get(0).size());
        assertWithin(messages, ReportBlocks.Limits.SLACK);
        assertEquals(input, shown(messages));
    }

    @Test
    void aTimelineOverTheMessageBudgetGoesOnInTheNextMessage() {
        List<String> input = lines(400, 290); // about 116,000 characters
        List<List<String>> messages = ReportBlocks.pack(input);
        assertTrue(messages.size() >= 11, messages.size() + " messages");
        assertWithin(messages, ReportBlocks.Limits.SLACK);
        for (List<String> message : messages.subList(0, messages.size() - 1)) {
            int chars = message.stream().mapToInt(String::length).sum();
            assertTrue(chars > ReportBlocks.MAX_MESSAGE_TEXT - 300, "a message is filled before the next: " + chars);
        }
        assertEquals(input, shown(messages));
    }

    @Test
    void eachMessageAfterTheFirstStartsWithItsContinuationAndOtherwiseShowsTheLinesInOrder() {
        List<String> input = lines(400, 290);
        ReportBlocks.Packed packed = ReportBlocks.pack(input, i -> "*Day of line " + i + "*, continued");
        List<String> withoutHeaders = new ArrayList<>();
        for (int m = 0; m < packed.messages().size(); m++) {
            List<String> lines = shown(List.of(packed.messages().get(m)));
            if (m > 0) {
                assertEquals("*Day of line " + packed.firstLines().get(m) + "*, continued", lines.get(0));
                lines = lines.subList(1, lines.size());
            }
            assertEquals(input.get(packed.firstLines().get(m)), lines.get(0), "a message starts at the line it says");
            withoutHeaders.addAll(lines);
        }
        assertWithin(packed.messages(), ReportBlocks.Limits.SLACK);
        assertEquals(input, withoutHeaders);
    }

    @Test
    void sectionsOfThe3000CharacterLimitEachHoldOneLine() {
        List<String> input = lines(9, 3000); // at the limit: three sections and 9,000 characters a message
        List<List<String>> messages = ReportBlocks.pack(input);
        assertEquals(List.of(3, 3, 3), messages.stream().map(List::size).toList());
        assertWithin(messages, ReportBlocks.Limits.SLACK);
        assertEquals(input, shown(messages));
    }

    @Test
    void noMessageHoldsMoreBlocksThanTheLimit() {
        // At Slack's limits the budget binds first; with a larger budget the block count is what splits.
        ReportBlocks.Limits limits = new ReportBlocks.Limits(3, 100, 100_000);
        List<String> input = lines(10, 60); // two lines do not fit in one section of 100
        List<List<String>> messages = ReportBlocks.pack(input, i -> null, limits).messages();
        assertEquals(List.of(3, 3, 3, 1), messages.stream().map(List::size).toList());
        assertWithin(messages, limits);
        assertEquals(input, shown(messages));
    }

    @Test
    void theBlockLimitOfSlackIsKeptWhenOnlyItCouldSplit() {
        ReportBlocks.Limits limits = new ReportBlocks.Limits(ReportBlocks.MAX_BLOCKS, ReportBlocks.MAX_SECTION, 1_000_000);
        List<String> input = lines(120, 2000);
        List<List<String>> messages = ReportBlocks.pack(input, i -> null, limits).messages();
        assertEquals(List.of(50, 50, 20), messages.stream().map(List::size).toList());
        assertEquals(input, shown(messages));
    }
}

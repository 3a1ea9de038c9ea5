package dev.scribe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Slack's Block Kit rules, checked without a server: blocks in, violations out. */
class BlockKitTest {

    private static final String FIELD = "{\"type\":\"mrkdwn\",\"text\":\"f\"}";

    private static List<BlockKit.Violation> check(String blocks) {
        return BlockKit.violations(JsonParser.parseString(blocks));
    }

    private static String sections(int count, String text) {
        return "[" + String.join(",", Collections.nCopies(count, section(text))) + "]";
    }

    private static String section(String text) {
        return "{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"" + text + "\"}}";
    }

    /** The one violation {@code blocks} has, as Slack words it. */
    private static String only(String blocks) {
        List<BlockKit.Violation> violations = check(blocks);
        assertEquals(1, violations.size(), violations.toString());
        assertEquals("invalid_blocks", violations.get(0).error());
        return violations.get(0).slackMessage();
    }

    @Test
    void fiftyBlocksAreTakenFiftyOneAreNot() {
        assertEquals(List.of(), check(sections(50, "x")));
        assertEquals("[ERROR] must provide less than or equal to 50 items [json-pointer:/blocks]", only(sections(51, "x")));
    }

    @Test
    void aSectionTakes3000CharactersNotMoreAndThePointerSaysWhere() {
        assertEquals(List.of(), check(sections(1, "a".repeat(3000))));
        assertEquals("[ERROR] must be less than 3001 characters [json-pointer:/blocks/1/text/text]",
                only("[" + section("ok") + "," + section("a".repeat(3001)) + "]"));
    }

    @Test
    void headersFieldsContextsTypesAndIdsHaveTheirLimits() {
        assertTrue(only("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(151) + "\"}}]")
                .contains("/blocks/0/text/text"));
        assertTrue(only("[{\"type\":\"header\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"h\"}}]").contains("must be plain_text"));
        assertTrue(only("[{\"type\":\"section\",\"fields\":[" + String.join(",", Collections.nCopies(11, FIELD)) + "]}]")
                .contains("/blocks/0/fields"));
        assertTrue(only("[{\"type\":\"section\",\"fields\":[{\"type\":\"mrkdwn\",\"text\":\"" + "f".repeat(2001) + "\"}]}]")
                .contains("/blocks/0/fields/0/text"));
        assertTrue(only("[{\"type\":\"context\",\"elements\":[" + String.join(",", Collections.nCopies(11, FIELD)) + "]}]")
                .contains("/blocks/0/elements"));
        assertTrue(only("[{\"type\":\"sectoin\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"x\"}}]").contains("unsupported type sectoin"));
        assertTrue(only("[{\"type\":\"input\",\"element\":{}}]").contains("unsupported type input"), "input is for modals");
        assertTrue(only("{\"type\":\"divider\"}").contains("must be an array"));
        assertTrue(only("[{\"type\":\"divider\",\"block_id\":\"a\"},{\"type\":\"divider\",\"block_id\":\"a\"}]")
                .contains("/blocks/1/block_id"));
        assertTrue(only("[{\"type\":\"image\",\"image_url\":\"https://example.com/x.png\"}]").contains("alt_text"));
        assertEquals(List.of(), check("[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "h".repeat(150)
                + "\"}},{\"type\":\"divider\"},{\"type\":\"context\",\"elements\":[" + FIELD + "]}]"));
    }

    @Test
    void everyBrokenBlockIsNamedNotOnlyTheFirst() {
        List<BlockKit.Violation> violations = check("[" + section("") + ",{\"type\":\"divider\"},{\"type\":\"nope\"}]");
        assertEquals(List.of("/0/text/text", "/2/type"), violations.stream().map(BlockKit.Violation::pointer).toList());
    }

    @Test
    void textOverTwelveThousandInAllIsTooLongThoughEachBlockIsFine() {
        // Five sections of 2,900 characters: each is fine, together they pass 12,000.
        List<BlockKit.Violation> violations = check(sections(5, "b".repeat(2900)));
        assertEquals(List.of("msg_blocks_too_long"), violations.stream().map(BlockKit.Violation::error).toList());
        assertEquals(List.of(), check(sections(4, "b".repeat(2900))));
    }
}

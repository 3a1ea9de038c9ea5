package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlackTsTest {

    @Test
    void aTsIsItsMessagesTimeToTheMicrosecond() {
        assertEquals(Instant.parse("2023-11-14T22:13:20.123456Z"), SlackTs.toInstant("1700000000.123456"));
        assertEquals(Instant.parse("2023-11-14T22:13:20.100Z"), SlackTs.toInstant("1700000000.1"));
        assertEquals(Instant.parse("2023-11-14T22:13:20.000010Z"), SlackTs.toInstant("1700000000.00001"));
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), SlackTs.toInstant("1700000000"));
        assertEquals(Instant.parse("2023-11-14T22:13:20Z"), SlackTs.toInstant("1700000000.000000"));
        assertEquals(Instant.EPOCH, SlackTs.toInstant("0"));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {null, "", ".5", "1700000000.", "1700000000.1234567", "-1", "17e8", " 1700000000",
                "1700000000.12a", "1234567890123", "1700000000,5", "١٧٠٠"}) {
            assertFalse(SlackTs.isValid(bad), String.valueOf(bad));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SlackTs.toInstant(bad));
            assertEquals("not a Slack ts: " + bad, e.getMessage());
        }
        assertTrue(SlackTs.isValid("1700000000.123456"));
    }
}

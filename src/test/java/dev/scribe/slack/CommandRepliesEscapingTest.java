package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.command.Command;
import dev.scribe.command.CommandParser;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every text {@code /incident} answers with escapes what is not the bot's own words: a title, a quoted text or the
 * usage cannot ping anyone, open a link or hide a word in Slack's {@code <...>} syntax.
 */
class CommandRepliesEscapingTest {

    private static final String HOSTILE = "<!channel> ping <@U02BOB> & <https://evil.example|a link> <title>";
    private static final Instant AT = Instant.parse("2026-11-01T12:00:00Z");
    private final CommandReplies replies = new CommandReplies(ZoneId.of("Europe/London"));

    private static Incident incident(String title, String resolution) {
        return new Incident(7, title, Severity.SEV2, Status.INVESTIGATING, "C0INC", "C0OPS", "U01ALICE",
                "U01ALICE", AT, null, resolution, null, 1);
    }

    @Test
    void titlesAndQuotedTextNeverReachSlackAsMarkup() {
        Incident incident = incident(HOSTILE, HOSTILE);
        List<String> texts = List.of(
                replies.noteAdded("U01ALICE", HOSTILE),
                replies.actionAdded("U01ALICE", HOSTILE, Optional.empty()),
                replies.reopened("U01ALICE", incident),
                replies.closed("U01ALICE", incident),
                replies.opened(incident, "U01ALICE", true),
                replies.openedHereInstead(incident, "U01ALICE", "<!here> restricted_action"),
                replies.openingChannel(new Command.Start(Severity.SEV2, HOSTILE)),
                replies.addedAt("U01ALICE", TimelineEntry.of(AT, EntryKind.NOTE, "U01ALICE", HOSTILE),
                        ZoneId.of("UTC"), true),
                replies.openIncidents(List.of(incident)),
                replies.refused(HOSTILE));
        for (String text : texts) {
            assertFalse(text.contains("<!channel>") || text.contains("<!here>"), text);
            assertFalse(text.contains("<@U02BOB>"), text);
            assertFalse(text.contains("<https://evil.example|a link> <title>"), text);
            assertFalse(text.contains("<title>"), text);
        }
    }

    @Test
    void theUsageIsEscapedSoItsPlaceholdersShow() {
        String usage = replies.usage(ReactionMap.defaults());
        assertTrue(CommandParser.usage(ReactionMap.defaults()).contains("<title>"), "the usage names placeholders");
        assertFalse(usage.contains("<title>"), usage);
        assertTrue(usage.contains("&lt;title&gt;"), usage);
        String unknown = replies.unknownSubcommand("<!channel>", ReactionMap.defaults());
        assertTrue(unknown.startsWith("I don't know `&lt;!channel&gt;`."), unknown);
        assertFalse(unknown.contains("<title>"), unknown);
    }

    @Test
    void theLeftOutNoteNamesThePartsAndTheTimeInTheConfiguredZone() {
        assertEquals(":information_source: The timeline of incident 7 has 9 parts and I can show you 5 messages, so here "
                        + "are the newest 4 (parts 6 to 9). Left out: parts 1 to 5, everything before 2026-11-01 12:00 GMT. "
                        + "The whole timeline is posted in the thread of the summary when the incident closes.",
                replies.timelineLeftOut(7, 9, 5, 4, 5, Optional.of(AT)));
    }
}

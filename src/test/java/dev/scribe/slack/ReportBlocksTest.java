package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.Mark;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Directory;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the bot's Slack messages say: the counts, the retro copy and a long timeline (the header: IncidentHeaderTest). */
class ReportBlocksTest {

    private static final Gson JSON = GsonFactory.createSnakeCase();
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant START = Instant.parse("2026-12-01T19:16:00Z");

    private static Incident incident(Instant closedAt) {
        return new Incident(1, "Checkout errors", Severity.SEV2, Status.INVESTIGATING, "C0INC", "C0OPS", "U1", "U1",
                START, closedAt, null, "1764616560.000100", 1);
    }

    private static String json(SlackMessage m) {
        return JSON.toJson(m.blocks()).replace("\\u003c", "<").replace("\\u003e", ">");
    }

    private static Postmortem report(List<RecordedMessage> messages, List<TimelineEntry> entries, List<Mark> marks) {
        IncidentRecord record = new IncidentRecord(incident(START.plusSeconds(7200)), messages, entries, marks);
        return new PostmortemCompiler(Directory.ofIdsOnly(), NEW_YORK).compile(record);
    }

    @Test
    void theSummaryCountsKeyMomentsOnlyAndSaysOneActionItem() {
        List<TimelineEntry> entries = List.of(
                TimelineEntry.of(START, EntryKind.STARTED, "U1", "Incident opened: Checkout errors"),
                TimelineEntry.of(START.plusSeconds(60), EntryKind.STATUS, "U1", "identified"),
                TimelineEntry.of(START.plusSeconds(70), EntryKind.SEVERITY, "U1", "SEV1"),
                TimelineEntry.of(START.plusSeconds(80), EntryKind.LEAD, "U1", "<@U1>"),
                TimelineEntry.of(START.plusSeconds(90), EntryKind.NOTE, "U1", "rolled back"),
                TimelineEntry.of(START.plusSeconds(100), EntryKind.ACTION_ITEM, "U1", "add an alert"),
                TimelineEntry.of(START.plusSeconds(7200), EntryKind.CLOSED, "U1", "Incident closed"));
        String counts = json(ReportBlocks.summaryMessage(report(List.of(), entries, List.of())));
        // The closing quote: "1 action items" must not pass for "1 action item".
        assertTrue(counts.contains("\"0 messages · 1 participant · 1 key event · 1 action item\""), counts);
    }

    @Test
    void theRetroCopyPointsToTheIncidentChannelInsteadOfAThreadItDoesNotHave() {
        Postmortem p = report(List.of(), List.of(), List.of());
        String retro = json(ReportBlocks.retroMessage(p, "C0INC"));
        assertFalse(retro.contains("in this thread"), retro);
        assertTrue(retro.contains("<#C0INC>"), retro);
        assertTrue(retro.contains("incident-1-rca.md"), retro);
        assertTrue(json(ReportBlocks.summaryMessage(p)).contains("The timeline is in this thread"));
    }

    /** 400 marked messages of 2,000 characters each over two days, in New York. */
    private static Postmortem longIncident() {
        List<RecordedMessage> messages = new ArrayList<>();
        List<Mark> marks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Instant at = START.plusSeconds(i * 300L);
            String ts = at.getEpochSecond() + ".000100";
            messages.add(new RecordedMessage("C0INC", ts, null, "U1", "message " + i + " " + "x".repeat(2000), at));
            marks.add(new Mark("C0INC", ts, EntryKind.KEY, "U2"));
        }
        return report(messages, List.of(), marks);
    }

    private static List<String> sections(SlackMessage m) {
        return m.blocks().stream().map(b -> ((SectionBlock) b).getText().getText()).toList();
    }

    @Test
    void longTimelineLinesAreCutAndEveryPartStartsWithItsDayInTheTeamsZone() {
        List<SlackMessage> parts = ReportBlocks.timelineMessages(longIncident());
        assertTrue(parts.size() > 1, "a long incident needs several parts");
        assertTrue(parts.size() <= 15, parts.size() + " parts for 400 lines");
        int lines = 0;
        for (SlackMessage part : parts) {
            List<String> sections = sections(part);
            assertTrue(sections.get(0).startsWith("*"), "the part starts with its day: " + sections.get(0));
            assertTrue(sections.get(0).split("\n")[0].contains("(America/New_York)"), sections.get(0));
            for (String section : sections) {
                assertFalse(section.contains("<!date"), "days and times are the team's, not each reader's");
                for (String line : section.split("\n")) {
                    assertTrue(line.length() <= ReportBlocks.MAX_TIMELINE_LINE + 100, line.length() + ": " + line);
                    if (line.startsWith("`")) {
                        lines++;
                        assertTrue(line.contains("…"), "cut: " + line);
                    }
                }
            }
        }
        assertEquals(400, lines, "every entry is shown, none twice");
        // 19:16 UTC on 1 December is 14:16 in New York; 400 entries 5 minutes apart reach into 3 December.
        String first = sections(parts.get(0)).get(0);
        assertTrue(first.startsWith("*Tuesday, 1 December 2026* (America/New_York)\n`14:16` *Key event*"), first);
        String second = sections(parts.get(1)).get(0);
        assertTrue(second.startsWith("*") && second.split("\n")[0].endsWith(", continued")
                || second.split("\n")[1].startsWith("`"), second);
    }

    @Test
    void timelinePartsSayWhereTheyStart() {
        List<ReportBlocks.TimelinePart> parts = ReportBlocks.timelineParts(longIncident());
        assertEquals(Optional.of(START), parts.get(0).from());
        for (int i = 1; i < parts.size(); i++) {
            assertTrue(parts.get(i).from().orElseThrow().isAfter(parts.get(i - 1).from().orElseThrow()));
        }
    }
}

package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.Mark;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Postmortem.TimelineItem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemCompilerTest {

    private static final IncidentRecord BASE = SampleIncidents.forumsMerge();

    private static RecordedMessage message(int index) {
        return BASE.messages().toList().get(index);
    }

    private static Mark mark(int index, EntryKind kind, String user) {
        return new Mark("C0INC", message(index).ts(), kind, user);
    }

    private static Postmortem compile(List<TimelineEntry> extraEntries, List<Mark> marks) {
        List<TimelineEntry> entries = new ArrayList<>(BASE.entries());
        entries.addAll(extraEntries);
        return new PostmortemCompiler(SampleIncidents.directory(), ZoneId.of("UTC"))
                .compile(new IncidentRecord(BASE.incident(), BASE.messages(), entries, marks));
    }

    @Test
    void markedMessagesJoinTheTimelineOncePerKindAtTheirOwnTime() {
        Postmortem p = compile(List.of(), List.of(
                mark(0, EntryKind.DETECTED, "U01DAVE"),
                mark(0, EntryKind.DETECTED, "U02KELLY"),
                mark(2, EntryKind.CAUSE_IDENTIFIED, "U01DAVE"),
                mark(2, EntryKind.KEY, "U01DAVE"),
                new Mark("C0INC", "1733300000.000999", EntryKind.TRIGGER, "U01DAVE")));
        List<TimelineItem> marked = p.timeline().stream().filter(i -> i.kind().isMarkable()).toList();
        assertEquals(List.of(EntryKind.DETECTED, EntryKind.CAUSE_IDENTIFIED, EntryKind.KEY),
                marked.stream().map(TimelineItem::kind).toList());
        assertEquals(message(0).postedAt(), marked.get(0).at());
        assertEquals("ahtisham", marked.get(0).author(), "the message's author, not the person who reacted");
        assertTrue(marked.get(0).link().orElseThrow().endsWith("/p" + message(0).ts().replace(".", "")));
        assertEquals(message(0).postedAt(), p.timings().detected().at().orElseThrow());
        assertEquals(message(2).postedAt(), p.timings().causeIdentified().at().orElseThrow());
        assertTrue(p.timings().triggered().at().isEmpty(), "a mark on a message never recorded changes nothing");
    }

    @Test
    void actionItemsFromMarksAndCommandsWithOwners() {
        Postmortem p = compile(List.of(
                TimelineEntry.of(Instant.parse("2024-12-04T17:00:00Z"), EntryKind.ACTION_ITEM, "U04AHT",
                        "Add a CI check that new tables are utf8mb4 <@U03ROB>"),
                TimelineEntry.of(Instant.parse("2024-12-04T17:01:00Z"), EntryKind.ACTION_ITEM, "U04AHT",
                        "Document the migration recipe")),
                List.of(mark(4, EntryKind.ACTION_ITEM, "U01DAVE")));
        assertEquals(3, p.actionItems().size());
        assertEquals("unassigned", p.actionItems().get(0).owner());
        assertTrue(p.actionItems().get(0).source().startsWith("[message by @diana at 14:30]("), p.actionItems().get(0).source());
        assertEquals("Add a CI check that new tables are utf8mb4", p.actionItems().get(1).text().toPlainString());
        assertEquals("robert", p.actionItems().get(1).owner());
        assertEquals("/incident action by @ahtisham at 17:00", p.actionItems().get(1).source());
        assertEquals("unassigned", p.actionItems().get(2).owner());
        String md = new PostmortemRenderer().render(p);
        assertTrue(md.contains("| Add a CI check that new tables are utf8mb4 | @robert | /incident action by @ahtisham at 17:00 |"), md);
    }

    @Test
    void wentWellAndBadlyFillTheirSections() {
        Postmortem p = compile(List.of(), List.of(mark(3, EntryKind.WENT_WELL, "U04AHT"),
                mark(4, EntryKind.WENT_BADLY, "U04AHT")));
        String md = new PostmortemRenderer().render(p);
        String well = md.substring(md.indexOf("## What went well"), md.indexOf("## What could have gone better"));
        String badly = md.substring(md.indexOf("## What could have gone better"), md.indexOf("## Lessons learned"));
        assertTrue(well.contains("- So any post with an emoji 😬 fails to insert & the page errors. Decision: fix forward, no revert. (@dave)"), well);
        assertTrue(badly.contains("Release pipeline stays paused"), badly);
        assertTrue(!well.contains("_What helped us"), "the prompt gives way to what was marked");
    }

    @Test
    void statusResolvedSetsResolvedAndAppearsOnTheTimeline() {
        Instant resolved = Instant.parse("2024-12-04T16:57:00Z");
        Postmortem p = compile(List.of(TimelineEntry.of(resolved, EntryKind.STATUS, "U04AHT", "resolved")), List.of());
        assertEquals(resolved, p.timings().resolved().at().orElseThrow());
        String md = new PostmortemRenderer().render(p);
        assertTrue(md.contains("| 16:57 | Status | @ahtisham | resolved |"), md);
    }

    @Test
    void aMarkedThreadReplyLinksIntoItsThread() {
        RecordedMessage parent = message(0);
        RecordedMessage reply = new RecordedMessage("C0INC", "1733323000.000100", parent.ts(), "U01DAVE",
                "rolled back, error rate is back to normal", Instant.parse("2024-12-04T14:36:40Z"));
        List<RecordedMessage> messages = new ArrayList<>(BASE.messages().toList());
        messages.add(reply);
        Postmortem p = new PostmortemCompiler(SampleIncidents.directory(), ZoneId.of("UTC"))
                .compile(new IncidentRecord(BASE.incident(), messages, BASE.entries(),
                        List.of(new Mark("C0INC", reply.ts(), EntryKind.MITIGATED, "U04AHT"))));
        TimelineItem mitigated = p.timeline().stream().filter(i -> i.kind() == EntryKind.MITIGATED).findFirst()
                .orElseThrow();
        assertTrue(mitigated.link().orElseThrow().endsWith("/p1733323000000100?thread_ts=" + parent.ts()),
                mitigated.link().orElseThrow());
    }
}

package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.report.Directory;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Putting any message on an incident's timeline at its own time (the shortcut's use case), on a store in memory. */
class AddToTimelineTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant ALERT = Instant.parse("2026-11-22T09:13:00Z");

    private final SteppedClock clock = new SteppedClock(START);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentService service = new IncidentService(store, clock, ZoneId.of("UTC"), ReactionMap.defaults());

    private static AddedMessage alert(EntryKind kind, String note) {
        return new AddedMessage("C0ALERTS", ALERT.getEpochSecond() + ".000100", null, "B0PAGER",
                "<!channel> checkout 5xx &gt; 2%", ALERT, kind, "U1", note, "https://example.slack.com/archives/C0ALERTS/p1");
    }

    private Postmortem report(int number) {
        return new PostmortemCompiler(Directory.ofIdsOnly(), ZoneId.of("UTC")).compile(service.load(number));
    }

    @Test
    void anAlertFromAnotherChannelIsAnEntryAtItsOwnTimeAndSetsDetected() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        clock.advance(Duration.ofMinutes(5));

        assertEquals(AddedToTimeline.ADDED, service.addToTimeline(incident.number(), alert(EntryKind.DETECTED, "  paged  ")));

        Postmortem report = report(incident.number());
        KeyTimings.Moment detected = report.timings().detected();
        assertEquals(Optional.of(ALERT), detected.at());
        assertEquals("marked", detected.source());
        Postmortem.TimelineItem item = report.timeline().stream().filter(i -> i.kind() == EntryKind.DETECTED)
                .findFirst().orElseThrow();
        assertEquals(ALERT, item.at());
        assertEquals("B0PAGER", item.author());
        assertEquals(Optional.of("https://example.slack.com/archives/C0ALERTS/p1"), item.link(), "the link Slack gave");
        String text = item.text().toString();
        assertTrue(text.contains("checkout 5xx"), text);
        assertTrue(text.contains("paged"), "the note is kept: " + text);
    }

    @Test
    void theSameMessageTwiceIsOneEntryWhateverKindTheSecondTimeSays() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        assertEquals(AddedToTimeline.ADDED, service.addToTimeline(incident.number(), alert(EntryKind.DETECTED, null)));
        assertEquals(AddedToTimeline.ALREADY_THERE, service.addToTimeline(incident.number(), alert(EntryKind.TRIGGER, null)));
        assertEquals(1, store.addedMessages(incident.number()).size());
        assertEquals(Optional.empty(), report(incident.number()).timings().triggered().at());
    }

    @Test
    void aRecordedMessageOfTheIncidentsChannelIsMarkedByWhoeverUsedTheShortcut() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        Instant said = START.plusSeconds(60);
        store.recordInOpenIncident(new RecordedMessage("C1", said.getEpochSecond() + ".000200", null, "U2",
                "rolled back", said), "Ev1");
        AddedMessage same = new AddedMessage("C1", said.getEpochSecond() + ".000200", null, "U2", "rolled back", said,
                EntryKind.MITIGATED, "U3", null, null);

        assertEquals(AddedToTimeline.MARKED, service.addToTimeline(incident.number(), same));
        assertEquals(AddedToTimeline.ALREADY_THERE, service.addToTimeline(incident.number(), same));

        assertEquals(List.of(new Mark("C1", same.ts(), EntryKind.MITIGATED, "U3")), store.marks(incident.number()));
        assertEquals(List.of(), store.addedMessages(incident.number()), "a mark, not a copy of the message");
        assertEquals(Optional.of(said), report(incident.number()).timings().mitigated().at());
    }

    @Test
    void aMessageOfTheIncidentsChannelItNeverRecordedIsAddedWhole() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        Instant before = START.minusSeconds(600);
        AddedMessage earlier = new AddedMessage("C1", before.getEpochSecond() + ".000300", null, "U2",
                "deploy 2.41 started", before, EntryKind.TRIGGER, "U1", null, null);

        assertEquals(AddedToTimeline.ADDED, service.addToTimeline(incident.number(), earlier));
        assertEquals(Optional.of(before), report(incident.number()).timings().triggered().at());
    }

    @Test
    void aClosedOrMissingIncidentIsRefusedAndNothingIsAdded() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        service.close("C1", "U1", null);

        IncidentException closed = assertThrows(IncidentException.class,
                () -> service.addToTimeline(incident.number(), alert(EntryKind.DETECTED, null)));
        assertEquals("Incident 1 is closed; `/incident reopen` in its channel to continue.", closed.getMessage());
        IncidentException missing = assertThrows(IncidentException.class,
                () -> service.addToTimeline(99, alert(EntryKind.DETECTED, null)));
        assertEquals("There is no incident 99.", missing.getMessage());
        assertEquals(List.of(), store.addedMessages(incident.number()));
    }

    @Test
    void aMessageWithATimeNoSlackMessageHasIsRefused() {
        Incident incident = service.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        Instant ancient = Instant.parse("2001-01-01T00:00:00Z");
        AddedMessage odd = new AddedMessage("C0ALERTS", ancient.getEpochSecond() + ".000001", null, "U2", "x", ancient,
                EntryKind.KEY, "U1", null, null);
        assertThrows(IncidentException.class, () -> service.addToTimeline(incident.number(), odd));
    }
}

package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.report.Directory;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The use cases and the rules they decide, on a store in memory: no database, no Slack. */
class IncidentServiceTest {

    private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

    private final SteppedClock clock = new SteppedClock(START);
    private final InMemoryIncidentStore store = new InMemoryIncidentStore();
    private final IncidentService service = new IncidentService(store, clock, ZoneId.of("UTC"), ReactionMap.defaults());


    private Incident start(String channel) {
        return service.open("Checkout errors <b> & 🔥", Severity.SEV2, channel, "C0OPS", "U1");
    }

    private List<TimelineEntry> entries(Incident incident) {
        return store.entries(incident.number());
    }

    private static RecordedMessage message(String channel, String ts, String text) {
        return new RecordedMessage(channel, ts, null, "U2", text, Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0])));
    }

    @Test
    void startingOpensAnInvestigatingIncidentLedByWhoeverStartedItWithTheEntryThatNamesIt() {
        Incident incident = start("C1");
        assertEquals(1, incident.number());
        assertEquals(Status.INVESTIGATING, incident.status());
        assertEquals(Severity.SEV2, incident.severity());
        assertEquals("U1", incident.commanderId());
        assertEquals("U1", incident.openedBy());
        assertEquals("C0OPS", incident.originChannelId());
        assertEquals(START, incident.startedAt());
        // In Slack's encoding, as entries are: the title is plain text.
        assertEquals(List.of(TimelineEntry.of(START, EntryKind.STARTED, "U1", "Incident opened: Checkout errors &lt;b&gt; &amp; 🔥")),
                entries(incident));
        assertEquals(Optional.of(incident), service.openIn("C1"));
        assertEquals(2, start("C2").number());
    }

    @Test
    void aTitleIsOneLineAndRequiredAndAtMostAHundredCharacters() {
        assertEquals("Checkout errors after deploy",
                service.open("  Checkout\n errors \u200Bafter   deploy ", Severity.SEV3, "C1", "C1", "U1").title());
        assertEquals("An incident needs a title, e.g. `/incident start Checkout errors after deploy`.",
                assertThrows(IncidentException.class, () -> service.open(" \n ", Severity.SEV3, "C2", "C2", "U1")).getMessage());
        assertEquals("The title is 101 characters long; the limit is 100. Put the details in a `/incident note`.",
                assertThrows(IncidentException.class, () -> service.open("x".repeat(101), Severity.SEV3, "C2", "C2", "U1"))
                        .getMessage());
        assertTrue(store.findOpenInChannel("C2").isEmpty(), "nothing opened");
    }

    @Test
    void whatADeclarerKnewIsTheEntryAfterTheOpeningOneAndMayNotBeTooLong() {
        Incident declared = service.open(new Declaration("Checkout errors", Severity.SEV1,
                "  EU checkout <!channel> & 500s\nsince 09:10  "), "C1", null, "U1");
        assertEquals(null, declared.originChannelId(), "declared from no channel");
        assertEquals(List.of(
                TimelineEntry.of(START, EntryKind.STARTED, "U1", "Incident opened: Checkout errors"),
                TimelineEntry.of(START, EntryKind.IMPACT, "U1", "EU checkout &lt;!channel&gt; &amp; 500s\nsince 09:10")),
                entries(declared));
        assertEquals(1, entries(service.open(new Declaration("Nothing known", Severity.SEV3, " \n "), "C2", "C2", "U1"))
                .size(), "nothing known, no entry");
        assertEquals("What is known so far is 3001 characters long; the limit is 3000. Add the rest in the incident's channel.",
                assertThrows(IncidentException.class, () -> service.open(new Declaration("Too much", Severity.SEV3,
                        "😀".repeat(3001)), "C3", "C3", "U1")).getMessage());
        assertTrue(store.findOpenInChannel("C3").isEmpty(), "nothing opened");
    }

    @Test
    void aChannelWithAnOpenIncidentRefusesASecondUntilItCloses() {
        Incident first = start("C1");
        String refusal = "Incident 1 (Checkout errors <b> & 🔥) is already open in this channel. "
                + "Close it with `/incident close` first.";
        assertEquals(refusal, assertThrows(IncidentException.class, () -> start("C1")).getMessage());
        // Also for an incident to be started elsewhere from this channel (in its own new channel).
        assertEquals(refusal, assertThrows(IncidentException.class, () -> service.requireNoneOpenIn("C1")).getMessage());
        service.requireNoneOpenIn("C2");
        assertEquals(List.of(first), store.listOpen());
        service.close("C1", "U1", null);
        assertEquals(2, start("C1").number());
    }

    @Test
    void anOpenThatLosesTheRaceInTheStoreIsToldWhichIncidentIsOpen() {
        start("C1");
        // What another request or replica does between the service's look and the store's insert.
        IncidentService racing = new IncidentService(new InMemoryIncidentStoreSeeingNothingOpenOnce(store), clock);
        IncidentException e = assertThrows(IncidentException.class,
                () -> racing.open("Second", Severity.SEV1, "C1", "C1", "U2"));
        assertEquals("Incident 1 (Checkout errors <b> & 🔥) is already open in this channel. "
                + "Close it with `/incident close` first.", e.getMessage());
        assertEquals(1, store.listOpen().size());
    }

    @Test
    void statusSeverityAndLeadChangeTheIncidentAndAreEachRecorded() {
        Incident incident = start("C1");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Status.IDENTIFIED, service.status("C1", "U2", Status.IDENTIFIED).status());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(Severity.SEV1, service.severity("C1", "U2", Severity.SEV1).severity());
        clock.advance(Duration.ofMinutes(1));
        assertEquals("U3", service.lead("C1", "U2", Optional.of("U3")).commanderId());
        clock.advance(Duration.ofMinutes(1));
        Incident led = service.lead("C1", "U4", Optional.empty());
        assertEquals("U4", led.commanderId(), "no one named: the caller leads");
        assertEquals(Status.IDENTIFIED, led.status());
        assertEquals(Severity.SEV1, led.severity());
        assertEquals(List.of(
                TimelineEntry.of(START.plusSeconds(60), EntryKind.STATUS, "U2", "identified"),
                TimelineEntry.of(START.plusSeconds(120), EntryKind.SEVERITY, "U2", "SEV1"),
                TimelineEntry.of(START.plusSeconds(180), EntryKind.LEAD, "U2", "<@U3>"),
                TimelineEntry.of(START.plusSeconds(240), EntryKind.LEAD, "U4", "<@U4>")),
                entries(incident).subList(1, 5));
    }

    @Test
    void aRoleIsGivenToWhoeverIsNamedOrTheCallerAndRecordedTheCommandersAsLeadRecordsIt() {
        IncidentService withRoles = new IncidentService(store, clock, ZoneId.of("UTC"), ReactionMap.defaults(),
                Roles.parse("comms,scribe"));
        Incident incident = withRoles.open("Checkout errors", Severity.SEV2, "C1", "C0OPS", "U1");
        clock.advance(Duration.ofMinutes(1));
        RoleChange comms = withRoles.role("C1", "U1", "Comms", Optional.of("U2"));
        assertEquals(new RoleChange(incident, "comms", "U2"), comms);
        clock.advance(Duration.ofMinutes(1));
        withRoles.role("C1", "U3", "scribe", Optional.empty());
        clock.advance(Duration.ofMinutes(1));
        withRoles.role("C1", "U3", "comms", Optional.of("U4"));
        clock.advance(Duration.ofMinutes(1));
        RoleChange commander = withRoles.role(incident.number(), "U3", "commander", "U5");
        assertEquals("U5", commander.incident().commanderId());
        assertEquals(List.of(
                TimelineEntry.of(START.plusSeconds(60), EntryKind.ROLE, "U1", "Comms: <@U2>"),
                TimelineEntry.of(START.plusSeconds(120), EntryKind.ROLE, "U3", "Scribe: <@U3>"),
                TimelineEntry.of(START.plusSeconds(180), EntryKind.ROLE, "U3", "Comms: <@U4>"),
                TimelineEntry.of(START.plusSeconds(240), EntryKind.LEAD, "U3", "<@U5>")),
                entries(incident).subList(1, 5));
        assertEquals(new RoleHolders(List.of(new RoleHolders.Holder("commander", Optional.of("U5")),
                new RoleHolders.Holder("comms", Optional.of("U4")), new RoleHolders.Holder("scribe", Optional.of("U3")))),
                withRoles.roleHolders(incident.number()));
        assertEquals(withRoles.roleHolders(incident.number()), withRoles.load(incident.number()).roles());

        assertEquals("`press` is not a role here: use commander, comms or scribe, e.g. `/incident role scribe @dana`.",
                assertThrows(IncidentException.class, () -> withRoles.role("C1", "U1", "press", Optional.empty()))
                        .getMessage());
        assertEquals("Name the role: use commander, comms or scribe, e.g. `/incident role scribe @dana`.",
                assertThrows(IncidentException.class, () -> withRoles.role("C1", "U1", "", Optional.empty())).getMessage());
        assertEquals(5, entries(incident).size(), "a refused role records nothing");
    }

    @Test
    void theControlsOfAClosedIncidentSayItIsClosedAndChangeNothing() {
        Incident incident = start("C1");
        service.close("C1", "U1", null);
        int before = entries(incident).size();
        String closed = "Incident 1 is closed; `/incident reopen` in its channel to continue.";
        int n = incident.number();
        List<org.junit.jupiter.api.function.Executable> controls = List.of(
                () -> service.status(n, "U2", Status.MONITORING),
                () -> service.severity(n, "U2", Severity.SEV1),
                () -> service.role(n, "U2", "commander", "U3"),
                () -> service.role(n, "U2", "comms", "U3"),
                () -> service.note(n, "U2", "a note"),
                () -> service.action(n, "U2", "an action", Optional.empty()),
                () -> service.close(n, "U2", "again"));
        for (org.junit.jupiter.api.function.Executable control : controls) {
            assertEquals(closed, assertThrows(IncidentException.class, control).getMessage());
        }
        assertEquals(before, entries(incident).size());
        assertEquals(Optional.of("U1"), service.roleHolders(n).holders().get(0).userId());
        assertEquals("There is no incident 9.",
                assertThrows(IncidentException.class, () -> service.note(9, "U2", "x")).getMessage());
    }

    @Test
    void theControlsOfAnOpenIncidentRecordWhatItsCommandsRecord() {
        Incident incident = start("C1");
        clock.advance(Duration.ofMinutes(1));
        int n = incident.number();
        service.status(n, "U2", Status.MONITORING);
        service.severity(n, "U2", Severity.SEV1);
        service.note(n, "U2", " a note ");
        service.action(n, "U2", "an action", Optional.of("U3"));
        Incident closed = service.close(n, "U2", " fixed ");
        assertEquals(Optional.of("fixed"), closed.resolutionText());
        assertEquals(List.of(
                TimelineEntry.of(START.plusSeconds(60), EntryKind.STATUS, "U2", "monitoring"),
                TimelineEntry.of(START.plusSeconds(60), EntryKind.SEVERITY, "U2", "SEV1"),
                TimelineEntry.of(START.plusSeconds(60), EntryKind.NOTE, "U2", "a note"),
                TimelineEntry.of(START.plusSeconds(60), EntryKind.ACTION_ITEM, "U2", "an action <@U3>"),
                TimelineEntry.of(START.plusSeconds(60), EntryKind.CLOSED, "U2", "Incident closed: fixed")),
                entries(incident).subList(1, 6));
    }

    @Test
    void notesAndActionItemsAreAddedAtTheCurrentTime() {
        Incident incident = start("C1");
        clock.advance(Duration.ofMinutes(5));
        assertEquals(TimelineEntry.of(START.plusSeconds(300), EntryKind.NOTE, "U2", "rolled back to v2.40"),
                service.note("C1", "U2", "  rolled back to v2.40 \n"));
        assertEquals(TimelineEntry.of(START.plusSeconds(300), EntryKind.ACTION_ITEM, "U2", "add an alert <@U3>"),
                service.action("C1", "U2", " add an alert ", Optional.of("U3")));
        assertEquals("A note needs text, e.g. `/incident note rolled back to v2.40`.",
                assertThrows(IncidentException.class, () -> service.note("C1", "U2", "  ")).getMessage());
        assertEquals(3, entries(incident).size());
    }

    @Test
    void useCasesOfAnOpenIncidentSayWhenThereIsNoneOrItIsClosed() {
        assertEquals("There is no open incident in this channel. Run this in the incident's channel, "
                        + "or start one with `/incident start <title>`.",
                assertThrows(IncidentException.class, () -> service.note("C1", "U1", "hello")).getMessage());
        start("C1");
        service.close("C1", "U1", "fixed");
        String closed = "Incident 1 (Checkout errors <b> & 🔥) is closed. Run `/incident reopen` to record in it again, "
                + "or `/incident start <title>` for a new incident.";
        assertEquals(closed, assertThrows(IncidentException.class, () -> service.note("C1", "U1", "hello")).getMessage());
        assertEquals(closed, assertThrows(IncidentException.class, () -> service.status("C1", "U1", Status.RESOLVED))
                .getMessage());
        assertEquals(closed, assertThrows(IncidentException.class, () -> service.close("C1", "U1", null)).getMessage());
    }

    @Test
    void closingRecordsTheResolutionAndReopeningRecordsAgain() {
        Incident incident = start("C1");
        clock.advance(Duration.ofHours(1));
        Incident closed = service.close("C1", "U2", "  rolled back  ");
        assertFalse(closed.isOpen());
        assertEquals(START.plusSeconds(3600), closed.closedAt());
        assertEquals("rolled back", closed.resolution());
        assertEquals(1, closed.closeCount());
        assertEquals(TimelineEntry.of(START.plusSeconds(3600), EntryKind.CLOSED, "U2", "Incident closed: rolled back"),
                entries(incident).get(1));
        assertTrue(service.openIn("C1").isEmpty());

        clock.advance(Duration.ofMinutes(10));
        Incident reopened = service.reopen("C1", "U3");
        assertTrue(reopened.isOpen());
        assertEquals(incident.number(), reopened.number());
        assertEquals(TimelineEntry.of(START.plusSeconds(4200), EntryKind.REOPENED, "U3", "Incident reopened"),
                entries(incident).get(2));
        assertEquals("Incident 1 is still open in this channel.",
                assertThrows(IncidentException.class, () -> service.reopen("C1", "U3")).getMessage());

        clock.advance(Duration.ofMinutes(10));
        Incident again = service.close("C1", "U3", null);
        assertEquals(2, again.closeCount(), "a second close gets a report of its own");
        assertEquals(TimelineEntry.of(START.plusSeconds(4800), EntryKind.CLOSED, "U3", "Incident closed"),
                entries(incident).get(3));
    }

    @Test
    void reopeningNeedsAClosedIncidentAndAFreeChannel() {
        assertEquals("No incident of this channel was closed, so there is nothing to reopen.",
                assertThrows(IncidentException.class, () -> service.reopen("C1", "U1")).getMessage());
        start("C1");
        service.close("C1", "U1", null);
        // Another request opened an incident here between the service's look and the store's reopen.
        IncidentService racing = new IncidentService(new InMemoryIncidentStoreSeeingNothingOpenOnce(store), clock);
        start("C1");
        assertEquals("This channel already has an open incident; close it before reopening another.",
                assertThrows(IncidentException.class, () -> racing.reopen("C1", "U1")).getMessage());
        assertEquals(List.of(2), store.listOpen().stream().map(Incident::number).toList());
    }

    @Test
    void messagesAreRecordedOnceAndOnlyInAnOpenIncident() {
        RecordedMessage before = message("C1", "1795341700.000100", "before");
        assertEquals(RecordOutcome.NOT_IN_AN_INCIDENT, service.record(before, "Ev1"));
        Incident incident = start("C1");
        RecordedMessage during = message("C1", "1795341701.000100", "during");
        assertEquals(RecordOutcome.RECORDED, service.record(during, "Ev2"));
        assertEquals(RecordOutcome.DUPLICATE, service.record(during, "Ev2"));
        assertEquals(RecordOutcome.IMPLAUSIBLE_TIME, service.record(message("C1", "1200000000.000100", "2008"), "Ev3"));
        assertEquals(List.of(during), service.load(incident.number()).messages().toList());
    }

    @Test
    void marksStatusesAndBackdatedEntriesMakeTheKeyTimings() {
        Incident incident = start("C1");
        service.record(message("C1", "1795341700.000100", "alert fired"), "Ev1");
        service.record(message("C1", "1795342200.000100", "found it: the pool"), "Ev2");
        clock.advance(Duration.ofHours(2));
        Optional<Mark> detected = service.mark("C1", "1795341700.000100", "rotating_light", "U2");
        assertEquals(Optional.of(new Mark("C1", "1795341700.000100", EntryKind.DETECTED, "U2")), detected);
        assertTrue(detected.get().kind().movesKeyTiming());
        assertTrue(service.mark("C1", "1795341700.000100", "rotating_light", "U2").isEmpty(), "counted once");
        assertTrue(service.mark("C1", "1795341700.000100", "thumbsup", "U2").isEmpty(), "marks nothing");
        // :boom: before the time: a Trigger entry, at the time typed.
        TimelineEntry trigger = service.at("C1", "U2", null, LocalTime.of(9, 50), null, ":boom:", "deploy v2.41");
        assertEquals(EntryKind.TRIGGER, trigger.kind());
        assertEquals(Instant.parse("2026-11-22T09:50:00Z"), trigger.at());
        TimelineEntry note = service.at("C1", "U2", null, LocalTime.of(10, 5), null, ":tada:", "party");
        assertEquals(TimelineEntry.of(Instant.parse("2026-11-22T10:05:00Z"), EntryKind.NOTE, "U2", ":tada: party"), note);
        clock.advance(Duration.ofMinutes(1));
        service.status("C1", "U2", Status.IDENTIFIED);
        service.status("C1", "U2", Status.MONITORING);
        clock.advance(Duration.ofMinutes(1));
        service.close("C1", "U2", "fixed");

        KeyTimings t = new PostmortemCompiler(Directory.ofIdsOnly(), ZoneOffset.UTC)
                .compile(service.load(incident.number())).timings();
        assertEquals(Optional.of(Instant.parse("2026-11-22T09:50:00Z")), t.triggered().at());
        assertEquals(Optional.of(Instant.ofEpochSecond(1795341700L)), t.detected().at());
        assertEquals(Optional.of(START.plus(Duration.ofMinutes(121))), t.causeIdentified().at());
        assertEquals("status identified", t.causeIdentified().source());
        assertEquals("status monitoring", t.mitigated().source());
        assertEquals("the close (nothing marked resolved)", t.resolved().source());

        // One person's reaction taken away: nothing marks the message any more.
        service.reopen("C1", "U2");
        assertTrue(service.unmark("C1", "1795341700.000100", "rotating_light", "U2"));
        assertFalse(service.unmark("C1", "1795341700.000100", "rotating_light", "U2"));
        assertEquals(List.of(), service.load(incident.number()).marks());
    }

    @Test
    void editsKeepTheEarlierTextAndDeletesTakeAMessageOutOfTheReport() {
        Incident incident = start("C1");
        service.record(message("C1", "1795341700.000100", "deploy v2.41"), "Ev1");
        assertFalse(service.edit("C1", "1795341700.000100", null, START), "an edit without text changes nothing");
        assertTrue(service.edit("C1", "1795341700.000100", "deploy v2.41 to prod", START));
        assertFalse(service.edit("C1", "1795341709.000100", "never recorded", START));
        assertEquals(List.of("deploy v2.41 to prod"),
                service.load(incident.number()).messages().toList().stream().map(RecordedMessage::text).toList());
        assertEquals(List.of("deploy v2.41"), store.revisions());
        assertTrue(service.delete("C1", "1795341700.000100"));
        assertEquals(List.of(), service.load(incident.number()).messages().toList());
    }

    /**
     * The shared store, except that its first look for the open incident of a channel finds none: what the service
     * sees when another request opens one just after its look.
     */
    private static final class InMemoryIncidentStoreSeeingNothingOpenOnce extends DelegatingIncidentStore {
        private boolean looked;

        InMemoryIncidentStoreSeeingNothingOpenOnce(IncidentStore store) {
            super(store);
        }

        @Override
        public Optional<Incident> findOpenInChannel(String channelId) {
            if (!looked) {
                looked = true;
                return Optional.empty();
            }
            return super.findOpenInChannel(channelId);
        }
    }
}

package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.ChannelHasOpenIncidentException;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentChange;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Mark;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.Status;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.TimelineEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbiIncidentStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private JdbiIncidentStore store;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", null, null);
        store = new JdbiIncidentStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private Incident open(String channel) {
        return StoreCalls.open(store, "Checkout errors 🔥", Severity.SEV2, channel, "C0GENERAL", "U1", NOW);
    }

    private static RecordedMessage message(String channel, String ts, String text) {
        return new RecordedMessage(channel, ts, null, "U1", text, Instant.ofEpochSecond(Long.parseLong(ts.split("\\.")[0])));
    }

    @Test
    void incidentsAreNumberedOneTwoThreeAndStartWithAStartedEntry() {
        assertEquals(1, open("C1").number());
        assertEquals(2, open("C2").number());
        Incident third = open("C3");
        assertEquals(3, third.number());
        assertEquals(third, store.find(3).orElseThrow());
        assertEquals(List.of(EntryKind.STARTED), store.entries(3).stream().map(TimelineEntry::kind).toList());
        assertEquals("U1", third.commanderId());
    }

    @Test
    void oneOpenIncidentPerChannelUntilItCloses() {
        Incident first = open("C1");
        // Refused by the database itself (its unique key), not by a look beforehand: that holds across replicas.
        ChannelHasOpenIncidentException e = assertThrows(ChannelHasOpenIncidentException.class, () -> open("C1"));
        assertEquals("C1", e.channelId());
        assertEquals(1, store.listOpen().size());
        assertEquals(List.of(EntryKind.STARTED), store.entries(first.number()).stream().map(TimelineEntry::kind).toList());
        assertTrue(StoreCalls.close(store, first.number(), NOW.plusSeconds(60), "U2", "rolled back").isPresent());
        assertTrue(store.findOpenInChannel("C1").isEmpty());
        assertEquals(2, open("C1").number());
    }

    @Test
    void closingTwiceClosesOnce() {
        Incident incident = open("C1");
        Incident closed = StoreCalls.close(store, incident.number(), NOW.plusSeconds(60), "U2", "done").orElseThrow();
        assertEquals(NOW.plusSeconds(60), closed.closedAt());
        assertEquals("done", closed.resolution());
        assertTrue(StoreCalls.close(store, incident.number(), NOW.plusSeconds(90), "U2", "again").isEmpty());
        assertEquals(1, store.entries(incident.number()).stream().filter(en -> en.kind() == EntryKind.CLOSED).count());
    }

    @Test
    void concurrentMessagesAndRetriesAreEachStoredOnceWhenCommittedTogether() throws Exception {
        // Many senders at once make the store commit messages in shared transactions (group commit); a
        // retry inside a batch must be refused alone, without losing the batch's other messages.
        int number = open("C1").number();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<RecordOutcome>> results = new ArrayList<>();
            List<Future<RecordOutcome>> elsewhere = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String ts = (1_700_000_000L + i) + ".000100";
                RecordedMessage m = message("C1", ts, "message " + i);
                results.add(pool.submit(() -> store.recordInOpenIncident(m, "Ev" + ts)));
                results.add(pool.submit(() -> store.recordInOpenIncident(m, "Ev" + ts)));
                // Chatter in a channel with no incident, in the same batches: left out, without failing them.
                RecordedMessage chatter = message("C2", ts, "chatter " + i);
                elsewhere.add(pool.submit(() -> store.recordInOpenIncident(chatter, "EvC2" + ts)));
            }
            int stored = 0;
            for (Future<RecordOutcome> r : results) {
                stored += r.get() == RecordOutcome.RECORDED ? 1 : 0;
            }
            assertEquals(400, stored);
            assertEquals(400, store.messages(number).toList().size());
            for (Future<RecordOutcome> r : elsewhere) {
                assertEquals(RecordOutcome.NOT_IN_AN_INCIDENT, r.get());
            }
            long rows = database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
            assertEquals(400, rows);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMessageGoesToTheIncidentOpenInItsChannelAtTheTimeAndNowhereElse() {
        RecordedMessage early = message("C1", "1700000000.000100", "before anyone opened an incident");
        assertEquals(RecordOutcome.NOT_IN_AN_INCIDENT, store.recordInOpenIncident(early, "Ev1"));
        int first = open("C1").number();
        open("C2");
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(message("C1", "1700000001.000100", "during"), "Ev2"));
        StoreCalls.close(store, first, NOW.plusSeconds(60), "U1", null);
        assertEquals(RecordOutcome.NOT_IN_AN_INCIDENT,
                store.recordInOpenIncident(message("C1", "1700000002.000100", "after the close"), "Ev3"));
        int second = open("C1").number();
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(message("C1", "1700000003.000100", "next one"), "Ev4"));
        // A message left out changed nothing: not even its event id was kept.
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(early, "Ev1"));

        assertEquals(List.of("during"), store.messages(first).toList().stream().map(RecordedMessage::text).toList());
        assertEquals(List.of("before anyone opened an incident", "next one"),
                store.messages(second).toList().stream().map(RecordedMessage::text).toList());
        assertEquals(List.of(), store.messages(2).toList().stream().map(RecordedMessage::text).toList(), "C2's incident");
    }

    @Test
    void aMessageIsRecordedOnceWhateverTheRetry() {
        int n = open("C1").number();
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(message("C1", "1700000000.000100", "first"), "Ev1"));
        assertEquals(RecordOutcome.DUPLICATE, store.recordInOpenIncident(message("C1", "1700000000.000100", "first"), "Ev1"), "same event id");
        assertEquals(RecordOutcome.DUPLICATE, store.recordInOpenIncident(message("C1", "1700000000.000100", "first"), "Ev2"), "same channel and ts");
        assertEquals(1, store.messages(n).toList().size());
        // The message's own key decides, not the event id (Slack never reuses one for another message): the
        // per-event claim this replaced cost a third of the work of storing a message.
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(message("C1", "1700000001.000000", "other"), "Ev1"));
        assertEquals(2, store.messages(n).toList().size());
    }

    @Test
    void messagesComeBackInTheirOwnTimeOrderWhateverTheArrivalOrder() {
        int n = open("C1").number();
        store.recordInOpenIncident(message("C1", "1700000300.000000", "third"), null);
        store.recordInOpenIncident(message("C1", "1700000100.000000", "first"), null);
        store.recordInOpenIncident(message("C1", "1600000000.000000", "an old import"), null);
        store.recordInOpenIncident(message("C1", "1700000200.000000", "second"), null);
        assertEquals(List.of("an old import", "first", "second", "third"),
                store.messages(n).toList().stream().map(RecordedMessage::text).toList());
    }

    @Test
    void theMessageLogReadsTheStoreAgainOnEveryPass() {
        int n = open("C1").number();
        store.recordInOpenIncident(message("C1", "1700000200.000000", "first"), null);
        MessageLog log = store.messages(n);
        assertEquals(List.of("first"), log.toList().stream().map(RecordedMessage::text).toList());

        store.recordInOpenIncident(message("C1", "1700000100.000000", "earlier, arrived late"), null);
        store.editMessage("C1", "1700000200.000000", "first, edited", NOW);
        store.deleteMessage("C1", "1700000100.000000", NOW);
        store.recordInOpenIncident(message("C1", "1700000300.000000", "then"), null);
        assertEquals(List.of("first, edited", "then"), log.toList().stream().map(RecordedMessage::text).toList());
    }

    @Test
    void userTextRoundTripsExactly() {
        int n = open("C1").number();
        String text = "emoji 🔥👩‍💻, CJK 決済エラー, RTL שלום مرحبا, 4-byte 𝔘𝔫𝔦, <@U1> &amp; &lt;!channel&gt;\nline 2";
        store.recordInOpenIncident(message("C1", "1700000000.000001", text), null);
        assertEquals(text, store.messages(n).toList().get(0).text());
        assertEquals(Instant.ofEpochSecond(1700000000), store.messages(n).toList().get(0).postedAt());
    }

    @Test
    void concurrentOpensNeverShareANumber() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Incident>> futures = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String channel = "C" + i;
                futures.add(pool.submit(() -> open(channel)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Incident> f : futures) {
                numbers.add(f.get().number());
            }
            assertEquals(40, numbers.stream().distinct().count());
            assertEquals(40, numbers.stream().mapToInt(Integer::intValue).max().orElseThrow());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentOpensInOneChannelOpenExactlyOneAndTellTheOthersWhichIsOpen() throws Exception {
        // Through the service, as a command does: its look beforehand lets several through at once, the unique key
        // refuses all but one, and each of those is told which incident is open.
        IncidentService service = new IncidentService(store, Clock.fixed(NOW, ZoneOffset.UTC));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Incident>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                futures.add(pool.submit(() -> service.open("Checkout errors", Severity.SEV2, "C1", "C0", "U1")));
            }
            int opened = 0;
            for (Future<Incident> f : futures) {
                try {
                    f.get();
                    opened++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof IncidentException, e.getCause().toString());
                    assertTrue(e.getCause().getMessage().startsWith(
                            "Incident 1 (Checkout errors) is already open in this channel"), e.getCause().getMessage());
                }
            }
            assertEquals(1, opened);
            assertEquals(1, store.listOpen().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void marksCountOncePerPersonAndReactionAndSurviveUntilTheLastIsRemoved() {
        int n = open("C1").number();
        Mark byDana = new Mark("C1", "1700000000.000100", EntryKind.TRIGGER, "U1");
        Mark byLee = new Mark("C1", "1700000000.000100", EntryKind.TRIGGER, "U2");
        assertTrue(store.addMark(n, byDana, "boom", NOW));
        assertFalse(store.addMark(n, byDana, "boom", NOW), "a retried reaction_added");
        assertTrue(store.addMark(n, byLee, "boom", NOW));
        assertEquals(2, store.marks(n).size());
        assertTrue(store.removeMark("C1", "1700000000.000100", "boom", "U1"));
        assertFalse(store.removeMark("C1", "1700000000.000100", "boom", "U1"));
        assertEquals(List.of(byLee), store.marks(n));
    }

    @Test
    void editsKeepTheEarlierTextAndDeletesLeaveTheReport() {
        int n = open("C1").number();
        store.recordInOpenIncident(message("C1", "1700000000.000100", "deploy v2.41"), null);
        store.recordInOpenIncident(message("C1", "1700000001.000100", "oops wrong channel"), null);
        assertTrue(store.editMessage("C1", "1700000000.000100", "deploy v2.41 to prod", NOW));
        assertTrue(store.editMessage("C1", "1700000000.000100", "deploy v2.41 to prod", NOW), "the same edit again");
        assertFalse(store.editMessage("C1", "1799999999.000100", "never recorded", NOW));
        assertTrue(store.deleteMessage("C1", "1700000001.000100", NOW));
        assertEquals(List.of("deploy v2.41 to prod"), store.messages(n).toList().stream().map(RecordedMessage::text).toList());
        assertEquals(List.of("deploy v2.41"), database.jdbi().withHandle(h -> h.createQuery(
                "SELECT previous_body FROM message_revisions").mapTo(String.class).list()));
    }

    @Test
    void changesAndReopenAreRecordedOnTheTimeline() {
        Incident incident = open("C1");
        store.change(incident.number(), new IncidentChange.NewStatus(Status.MONITORING),
                TimelineEntry.of(NOW, EntryKind.STATUS, "U1", "monitoring"));
        store.change(incident.number(), new IncidentChange.NewSeverity(Severity.SEV1),
                TimelineEntry.of(NOW, EntryKind.SEVERITY, "U1", "SEV1"));
        Incident led = store.change(incident.number(), new IncidentChange.NewCommander("U2"),
                TimelineEntry.of(NOW, EntryKind.LEAD, "U1", "<@U2>"));
        assertEquals(Status.MONITORING, led.status());
        assertEquals(Severity.SEV1, led.severity());
        assertEquals("U2", led.commanderId());
        assertTrue(StoreCalls.reopenLast(store, "C1", NOW, "U1").isEmpty(), "nothing closed yet");
        StoreCalls.close(store, incident.number(), NOW.plusSeconds(60), "U1", "done");
        Incident reopened = StoreCalls.reopenLast(store, "C1", NOW.plusSeconds(120), "U1").orElseThrow();
        assertTrue(reopened.isOpen());
        assertEquals(incident.number(), store.findOpenInChannel("C1").orElseThrow().number());
        assertEquals(List.of(EntryKind.STARTED, EntryKind.STATUS, EntryKind.SEVERITY, EntryKind.LEAD, EntryKind.CLOSED,
                EntryKind.REOPENED), store.entries(incident.number()).stream().map(TimelineEntry::kind).toList());
    }

    @Test
    void migrationsAreIdempotentOnReopen() {
        open("C1");
        database.close();
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", null, null);
        store = new JdbiIncidentStore(database, Clock.fixed(NOW, ZoneOffset.UTC));
        assertEquals(1, store.find(1).orElseThrow().number());
        assertTrue(store.isHealthy());
    }
}

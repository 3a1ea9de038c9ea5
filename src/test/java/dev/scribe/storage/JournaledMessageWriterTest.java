package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.Incident;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages taken through the journal on a real H2 file database with the production migrations: read as if stored
 * at once, ordered before whatever comes after them, and never lost (start-up, shutdown, a full journal).
 */
class JournaledMessageWriterTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private Database database;
    private Path journalFile;
    private JdbiIncidentStore store;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", null, null);
        journalFile = database.journalFile().orElseThrow();
        store = JdbiIncidentStore.withJournal(database, CLOCK, journalFile);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    private Incident openIncident(String channel) {
        return StoreCalls.open(store, "Checkout errors", Severity.SEV2, channel, "C0GENERAL", "U1", NOW);
    }

    private static RecordedMessage message(String channel, long seconds, String text) {
        return new RecordedMessage(channel, seconds + ".000100", null, "U1", text, Instant.ofEpochSecond(seconds, 100_000));
    }

    private static List<String> texts(List<RecordedMessage> messages) {
        return messages.stream().map(RecordedMessage::text).toList();
    }

    @Test
    void messagesAreTakenAtOnceAndReadBackWholeAsIfStoredAtOnce() {
        Incident incident = openIncident("C1");
        String long40k = "障".repeat(39_990) + " 🔥🚒";
        RecordedMessage reply = new RecordedMessage("C1", "1764583201.000200", "1764583200.000100", "U2",
                "<@U1> rolled back &amp; watching", Instant.parse("2026-12-01T10:00:01.000200Z"));
        assertEquals(RecordOutcome.ACCEPTED, store.recordInOpenIncident(message("C1", 1764583200, long40k), "Ev1"));
        assertEquals(RecordOutcome.ACCEPTED, store.recordInOpenIncident(reply, null));
        // A Slack retry (same event) and the same message under another event id: stored once.
        store.recordInOpenIncident(message("C1", 1764583200, long40k), "Ev1");
        store.recordInOpenIncident(message("C1", 1764583200, long40k), "Ev1b");
        // Chatter where no incident is open: taken, never stored.
        store.recordInOpenIncident(message("C2", 1764583202, "lunch?"), "Ev2");

        List<RecordedMessage> stored = store.messages(incident.number()).toList();
        assertEquals(List.of(message("C1", 1764583200, long40k), reply), stored);
        assertEquals(0, (long) database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM messages WHERE channel_id = 'C2'").mapTo(Long.class).one()));
    }

    /**
     * A Slack retry lands in the same batch as its first delivery: the batch's transaction fails on the duplicate
     * key, and only the message it concerns may be refused. Told apart from a real failure, it is stored once, the
     * rest of the batch with it, and nothing is logged as not stored (nor tried again and again).
     */
    @Test
    void aRetryInTheSameBatchIsStoredOnceAndLoggedAsNoFailure() {
        Incident incident = openIncident("C1");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            store.recordInOpenIncident(message("C1", 1764583200, "first"), "Ev1");
            store.recordInOpenIncident(message("C1", 1764583200, "first"), "Ev1"); // Slack's retry
            store.recordInOpenIncident(message("C1", 1764583201, "second"), "Ev2");
            try {
                store.awaitStored();
            } catch (IllegalStateException notStored) {
                throw new AssertionError("the batch with a retry was not stored; the log: " + log.toString(StandardCharsets.UTF_8),
                        notStored);
            }
        } finally {
            System.setErr(original);
        }
        assertEquals(List.of("first", "second"), texts(store.messages(incident.number()).toList()));
        assertEquals(2, (long) database.jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM messages WHERE channel_id = 'C1'").mapTo(Long.class).one()));
        String logged = log.toString(StandardCharsets.UTF_8);
        assertFalse(logged.toLowerCase(java.util.Locale.ROOT).contains("could not store"), logged);
    }

    @Test
    void aCloseSeesEveryMessageReceivedBeforeItAndTheNextIncidentNone() {
        Incident first = openIncident("C1");
        for (int i = 0; i < 50; i++) {
            store.recordInOpenIncident(message("C1", 1764583200 + i, "m" + i), "Ev" + i);
        }
        StoreCalls.close(store, first.number(), NOW, "U1", "fixed");
        Incident second = openIncident("C1");

        assertEquals(50, store.messages(first.number()).toList().size());
        assertEquals(List.of(), store.messages(second.number()).toList());
    }

    @Test
    void aMessageReceivedBeforeAnIncidentOpensIsNotRecordedInIt() {
        store.recordInOpenIncident(message("C1", 1764583200, "before the incident"), "Ev1");
        Incident incident = openIncident("C1");
        store.recordInOpenIncident(message("C1", 1764583201, "during"), "Ev2");

        assertEquals(List.of("during"), texts(store.messages(incident.number()).toList()));
    }

    @Test
    void anEditOrDeleteRightAfterItsMessageFindsIt() {
        Incident incident = openIncident("C1");
        store.recordInOpenIncident(message("C1", 1764583200, "rollback started"), "Ev1");
        assertTrue(store.editMessage("C1", "1764583200.000100", "rollback done", NOW));
        store.recordInOpenIncident(message("C1", 1764583201, "oops, wrong channel"), "Ev2");
        assertTrue(store.deleteMessage("C1", "1764583201.000100", NOW));

        assertEquals(List.of("rollback done"), texts(store.messages(incident.number()).toList()));
    }

    @Test
    void whatTheJournalHoldsAtStartIsStoredBeforeAnythingElse() throws Exception {
        Incident incident = openIncident("C1");
        store.close();
        // As a bot killed right after its acks leaves it: two records, then bytes of a write cut off mid-record.
        try (MessageJournal journal = MessageJournal.open(journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES)) {
            journal.read();
            assertTrue(journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583200, "first 🔥"), "Ev1"))));
            assertTrue(journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583201, "second"), null))));
        }
        long tornAt = endOfRecords();
        try (FileChannel file = FileChannel.open(journalFile, StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.allocate(12).putInt(200).putInt(0x1234).putInt(7).flip(), tornAt);
        }

        store = JdbiIncidentStore.withJournal(database, CLOCK, journalFile);

        assertEquals(List.of("first 🔥", "second"), texts(new JdbiIncidentStore(database, CLOCK).messages(incident.number()).toList()));
        try (MessageJournal journal = MessageJournal.open(journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES)) {
            assertEquals(List.of(), journal.read().messages(), "emptied once stored");
        }
    }

    @Test
    void aJournalRecordTheSchemaCannotHoldIsLeftOutAtStartInsteadOfStoppingEveryStart() {
        Incident incident = openIncident("C1");
        store.close();
        // As an earlier version could leave it: it took a message whose user id no column holds.
        RecordedMessage tooLong = new RecordedMessage("C1", "1764583200.000100", null, "U" + "X".repeat(39), "forged",
                Instant.ofEpochSecond(1764583200, 100_000));
        try (MessageJournal journal = MessageJournal.open(journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES)) {
            journal.read();
            assertTrue(journal.tryAppend(MessageJournal.encode(received(tooLong, "Ev1"))));
            assertTrue(journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583201, "kept"), "Ev2"))));
        }

        store = JdbiIncidentStore.withJournal(database, CLOCK, journalFile);

        assertEquals(List.of("kept"), texts(new JdbiIncidentStore(database, CLOCK).messages(incident.number()).toList()));
    }

    @Test
    void anEmptiedJournalNeverGivesBackItsOlderRecords() {
        try (MessageJournal journal = MessageJournal.open(dir.resolve("j"), 1 << 16)) {
            journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583200, "a long message from before"), "Ev1")));
            journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583201, "another one from before"), "Ev2")));
            journal.clear();
            journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583202, "new"), "Ev3")));
        }
        try (MessageJournal journal = MessageJournal.open(dir.resolve("j"), 1 << 16)) {
            MessageJournal.Contents contents = journal.read();
            assertEquals(List.of("new"), contents.messages().stream().map(m -> m.message().text()).toList());
            assertEquals(0, contents.unreadableBytes());
        }
    }

    @Test
    void aNewJournalTakesItsDiskSpaceAtOnce() throws Exception {
        Path file = dir.resolve("new.journal");
        MessageJournal.open(file, 1 << 20).close();
        // Allocated blocks, not the apparent size: a sparse file would claim its space only when written.
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] blocks = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        assertEquals(0, stat.waitFor());
        assertTrue(Long.parseLong(blocks[0]) * Long.parseLong(blocks[1]) >= 1 << 20, String.join(" ", blocks));
    }

    @Test
    void aFileThatIsNotAJournalIsLeftAloneAndNamed() throws Exception {
        Path file = dir.resolve("notes.journal");
        Files.writeString(file, "not a journal at all, just some text here\n".repeat(3));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> MessageJournal.open(file, 1 << 20));
        assertEquals("Could not open the message journal " + file + ": it is not a message journal of this version (if "
                + "it came from elsewhere, move it aside: the bot then starts with a new one)", e.getMessage());
        assertEquals("not a journal at all, just some text here\n".repeat(3), Files.readString(file));
    }

    @Test
    void aJournalWhoseCreationWasCutOffStartsAfresh() throws Exception {
        Path file = dir.resolve("cut.journal");
        Files.write(file, new byte[4096]);
        try (MessageJournal journal = MessageJournal.open(file, 1 << 20)) {
            assertEquals(List.of(), journal.read().messages());
            assertTrue(journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583200, "hello"), "Ev1"))));
        }
        try (MessageJournal journal = MessageJournal.open(file, 1 << 20)) {
            assertEquals(List.of("hello"), journal.read().messages().stream().map(m -> m.message().text()).toList());
        }
    }

    @Test
    void whenOneHalfIsFullTheOtherTakesOverAndAfterACrashBothComeBackInOrder() {
        Path file = dir.resolve("halves.journal");
        List<String> appended = new ArrayList<>();
        int firstInSecondHalf = -1;
        try (MessageJournal journal = MessageJournal.open(file, 4096)) {
            for (int i = 0; journal.tryAppend(MessageJournal.encode(received(message("C1", 1764583200 + i, "m" + i), "Ev" + i))); i++) {
                appended.add("m" + i);
                if (firstInSecondHalf < 0 && journal.end() > 2048) {
                    firstInSecondHalf = i;
                }
            }
            assertTrue(firstInSecondHalf > 0 && appended.size() > firstInSecondHalf + 1, appended + " " + firstInSecondHalf);
            // Both halves full: refused until the first half is stored, then the first half is used again.
            journal.release(firstInSecondHalf);
            assertTrue(journal.tryAppend(MessageJournal.encode(received(message("C1", 1764584000, "after"), "Ev-after"))));
        }
        try (MessageJournal journal = MessageJournal.open(file, 4096)) {
            List<String> expected = new ArrayList<>(appended.subList(firstInSecondHalf, appended.size()));
            expected.add("after");
            assertEquals(expected, journal.read().messages().stream().map(m -> m.message().text()).toList());
        }
    }

    @Test
    void stoppingStoresEverythingTakenAndEmptiesTheJournal() {
        Incident incident = openIncident("C1");
        for (int i = 0; i < 1_000; i++) {
            store.recordInOpenIncident(message("C1", 1764583200 + i, "m" + i), "Ev" + i);
        }
        store.close();

        assertEquals(1_000, new JdbiIncidentStore(database, CLOCK).messages(incident.number()).toList().size());
        try (MessageJournal journal = MessageJournal.open(journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES)) {
            assertEquals(List.of(), journal.read().messages());
        }
        store = JdbiIncidentStore.withJournal(database, CLOCK, journalFile);
    }

    @Test
    void aFullJournalMakesNewMessagesWaitUntilItIsStoredAndEmptied() {
        Incident incident = openIncident("C1");
        List<RecordedMessage> sent = new ArrayList<>();
        // About 100 bytes a record: 300 of them fill a 4 KiB journal several times over.
        try (JournaledMessageWriter writer = JournaledMessageWriter.start(database.jdbi(), dir.resolve("small.journal"), 4096)) {
            for (int i = 0; i < 300; i++) {
                RecordedMessage m = message("C1", 1764583200 + i, "message " + i);
                assertEquals(RecordOutcome.ACCEPTED, writer.record(received(m, "Ev" + i)));
                sent.add(m);
            }
            writer.awaitStored();
        }
        assertEquals(sent, store.messages(incident.number()).toList());
    }

    @Test
    void messagesTheDatabaseRefusesForAWhileAreStoredOnceItAnswers() throws Exception {
        Incident incident = openIncident("C1");
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger refused = new AtomicInteger();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        DataSource flaky = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        refused.incrementAndGet();
                        throw new SQLException("connection refused (test)");
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<RecordedMessage> sent = List.of(message("C1", 1764583200, "first"), message("C1", 1764583201, "second"));
        try (JournaledMessageWriter writer = JournaledMessageWriter.start(Jdbi.create(flaky), dir.resolve("flaky.journal"))) {
            for (RecordedMessage m : sent) {
                assertEquals(RecordOutcome.ACCEPTED, writer.record(received(m, null)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (refused.get() < 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(refused.get() >= 3, "the writer kept trying: " + refused.get());
            assertEquals(List.of(), store.messages(incident.number()).toList());
            down.set(false);
            awaitStored(writer);
        }
        assertEquals(sent, store.messages(incident.number()).toList());
    }

    @Test
    void anErrorWhileStoringNeitherLosesMessagesNorStopsTheWriter() throws Exception {
        Incident incident = openIncident("C1");
        AtomicInteger errors = new AtomicInteger(2);
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0");
        // What a request thread that exhausted the heap leaves behind: the applier's own allocation fails.
        DataSource starved = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && errors.getAndDecrement() > 0) {
                        throw new OutOfMemoryError("Java heap space (test)");
                    }
                    try {
                        return method.invoke(h2, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        RecordedMessage first = message("C1", 1764583200, "before the error");
        RecordedMessage second = message("C1", 1764583201, "after the error");
        try (JournaledMessageWriter writer = JournaledMessageWriter.start(Jdbi.create(starved), dir.resolve("oom.journal"))) {
            assertEquals(RecordOutcome.ACCEPTED, writer.record(received(first, null)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (errors.get() > 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            // Still taking messages, and storing them all.
            assertEquals(RecordOutcome.ACCEPTED, writer.record(received(second, null)));
            awaitStored(writer);
        }
        assertEquals(List.of(first, second), store.messages(incident.number()).toList());
    }

    @Test
    void theJournalOfAnH2FileLivesNextToIt() {
        assertEquals(Optional.of(Path.of("./data/incident-scribe.journal")),
                Database.h2JournalFile("jdbc:h2:file:./data/incident-scribe;WRITE_DELAY=0"));
        assertEquals(Optional.of(Path.of("/var/lib/scribe/db.journal")), Database.h2JournalFile("jdbc:h2:/var/lib/scribe/db"));
        assertEquals(Optional.of(Path.of(System.getProperty("user.home") + "/scribe.journal")),
                Database.h2JournalFile("jdbc:h2:~/scribe;MODE=PostgreSQL"));
        assertEquals(Optional.empty(), Database.h2JournalFile("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1"));
        assertEquals(Optional.empty(), Database.h2JournalFile("jdbc:h2:tcp://db.internal/scribe"));
        assertEquals(journalFile, dir.resolve("db.journal"));
    }

    /**
     * Waits for the writer to store what it took: its own wait gives up after {@link JournaledMessageWriter#AWAIT_STORED_MS}
     * (an event's answer is due), while a writer backing off after failures may take longer.
     */
    private static void awaitStored(JournaledMessageWriter writer) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                writer.awaitStored();
                return;
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    private static ReceivedMessage received(RecordedMessage m, String eventId) {
        return new ReceivedMessage(m, eventId, 1);
    }

    /** Where the next record would go: after the last whole one. */
    private long endOfRecords() {
        try (MessageJournal journal = MessageJournal.open(journalFile, MessageJournal.DEFAULT_CAPACITY_BYTES)) {
            journal.read();
            return journal.end();
        }
    }
}

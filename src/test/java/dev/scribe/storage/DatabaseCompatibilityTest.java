package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentChange;
import dev.scribe.incident.Mark;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same storage behaviour on H2, PostgreSQL and MariaDB, with the production migrations. */
class DatabaseCompatibilityTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final String EVERY_SCRIPT = "emoji 🔥👩‍💻🏳️‍🌈, CJK 決済エラー 한국어, RTL שלום مرحبا, 4-byte 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎, "
            + "accents naïve café, quotes ' \" `, backslash \\ and a NUL-free control \u0007 bell";

    @TempDir
    Path dir;
    @RegisterExtension
    final OpenDatabases databases = new OpenDatabases();

    private TestDatabases.Target target(DatabaseKind kind) throws Exception {
        return databases.create(kind, dir);
    }

    private JdbiIncidentStore store(TestDatabases.Target t) {
        Database db = databases.open(t);
        return new JdbiIncidentStore(db, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyScriptRoundTrips(DatabaseKind kind) throws Exception {
        JdbiIncidentStore store = store(target(kind));
        Incident incident = StoreCalls.open(store, "Paiement échoué 💳 決済 " + "𝔘", Severity.SEV1, "C1", "C0", "U1", NOW);
        store.recordInOpenIncident(new RecordedMessage("C1", "1700000000.000100", null, "U1", EVERY_SCRIPT,
                Instant.ofEpochSecond(1700000000, 100_000)), "Ev1");
        store.addEntry(incident.number(), TimelineEntry.of(NOW, EntryKind.NOTE, "U1", EVERY_SCRIPT));
        store.addMark(incident.number(), new Mark("C1", "1700000000.000100", EntryKind.TRIGGER, "U1"), "boom", NOW);
        StoreCalls.close(store, incident.number(), NOW.plusSeconds(60), "U1", "résolu ✅ " + EVERY_SCRIPT);

        Incident stored = store.find(incident.number()).orElseThrow();
        assertEquals("Paiement échoué 💳 決済 𝔘", stored.title());
        assertEquals("résolu ✅ " + EVERY_SCRIPT, stored.resolution());
        RecordedMessage message = store.messages(incident.number()).toList().get(0);
        assertEquals(EVERY_SCRIPT, message.text());
        assertEquals(Instant.ofEpochSecond(1700000000, 100_000), message.postedAt());
        assertTrue(store.entries(incident.number()).stream().anyMatch(e -> e.text().equals(EVERY_SCRIPT)));
        assertEquals(1, store.marks(incident.number()).size());
    }

    /**
     * Slack delivers messages out of order (a retry, a slow thread reply), so the transcript's order must come from
     * the query, not from the order rows were inserted in. The tables are analyzed first, as each database's
     * statistics job does in production: with statistics saying every row matches, PostgreSQL reads the table
     * rather than the index and returns rows in the order they were inserted, which is what catches a query that
     * lost its ORDER BY (H2 and MariaDB read these through an index or key already in this order).
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void messagesAndEntriesStoredOutOfOrderReadBackInTimeOrder(DatabaseKind kind) throws Exception {
        JdbiIncidentStore store = store(target(kind));
        int n = StoreCalls.open(store, "x", Severity.SEV3, "C1", "C0", "U1", NOW).number();
        long base = 1_700_000_000L;
        int[] arrival = {7, 2, 9, 0, 5, 3, 8, 1, 6, 4};
        for (int i : arrival) {
            String ts = (base + i) + ".000100";
            store.recordInOpenIncident(new RecordedMessage("C1", ts, null, "U1", "m" + i,
                    Instant.ofEpochSecond(base + i, 100_000)), "Ev" + i);
        }
        // Two messages in the same second: the ts breaks the tie.
        store.recordInOpenIncident(new RecordedMessage("C1", (base + 5) + ".000300", null, "U1", "m5b",
                Instant.ofEpochSecond(base + 5, 300_000)), "Ev5b");
        for (int i : arrival) {
            store.addEntry(n, TimelineEntry.of(Instant.ofEpochSecond(base + i), EntryKind.NOTE, "U1", "e" + i));
        }

        analyze(kind, databases.opened().get(databases.opened().size() - 1));

        List<String> texts = store.messages(n).toList().stream().map(RecordedMessage::text).toList();
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m5b", "m6", "m7", "m8", "m9"), texts);
        List<String> entries = store.entries(n).stream().map(TimelineEntry::text).filter(t -> t.startsWith("e")).toList();
        assertEquals(List.of("e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9"), entries);
    }

    private static void analyze(DatabaseKind kind, Database db) {
        db.jdbi().useHandle(h -> {
            switch (kind) {
                case H2, POSTGRESQL -> h.execute("ANALYZE");
                case MARIADB -> h.execute("ANALYZE TABLE messages, timeline_entries");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void duplicatesAreRefusedByTheDatabase(DatabaseKind kind) throws Exception {
        JdbiIncidentStore store = store(target(kind));
        int n = StoreCalls.open(store, "x", Severity.SEV3, "C1", "C0", "U1", NOW).number();
        RecordedMessage m = new RecordedMessage("C1", "1700000000.000100", null, "U1", "hi", Instant.ofEpochSecond(1700000000));
        assertEquals(RecordOutcome.RECORDED, store.recordInOpenIncident(m, "Ev1"));
        assertEquals(RecordOutcome.DUPLICATE, store.recordInOpenIncident(m, "Ev1"));
        assertEquals(RecordOutcome.DUPLICATE, store.recordInOpenIncident(m, "Ev2"));
        Mark mark = new Mark("C1", m.ts(), EntryKind.KEY, "U2");
        assertTrue(store.addMark(n, mark, "pushpin", NOW));
        assertFalse(store.addMark(n, mark, "pushpin", NOW));
        assertTrue(StoreCalls.close(store, n, NOW, "U1", null).isPresent());
        assertTrue(StoreCalls.close(store, n, NOW, "U1", null).isEmpty());
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDuplicateKeyIsToldApartFromEveryOtherFailure(DatabaseKind kind) throws Exception {
        Database db = databases.open(target(kind));
        org.jdbi.v3.core.Jdbi jdbi = db.jdbi();
        java.util.function.Supplier<String> insert = () -> {
            jdbi.useHandle(h -> h.execute("INSERT INTO command_invocations (trigger_id, received_at_us) VALUES ('T1', 1)"));
            return "inserted";
        };
        assertEquals("inserted", Sql.onDuplicateKey(insert, e -> "duplicate"));
        assertEquals("duplicate", Sql.onDuplicateKey(insert, e -> "duplicate"));
        // A refusal that is not a duplicate (a null key) is thrown as it is.
        assertThrows(org.jdbi.v3.core.JdbiException.class, () -> Sql.onDuplicateKey(() -> {
            jdbi.useHandle(h -> h.execute("INSERT INTO command_invocations (trigger_id, received_at_us) VALUES (NULL, 1)"));
            return "inserted";
        }, e -> "duplicate"));
    }

    /** Two replicas giving the same role its first holder at once: one holder, every change on the timeline. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRoleGivenFromTwoPoolsAtOnceHasOneHolderAndEveryChangeRecorded(DatabaseKind kind) throws Exception {
        TestDatabases.Target t = target(kind);
        JdbiIncidentStore a = store(t);
        JdbiIncidentStore b = store(t);
        int n = StoreCalls.open(a, "x", Severity.SEV3, "C1", "C0", "U1", NOW).number();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Incident>> futures = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                JdbiIncidentStore store = i % 2 == 0 ? a : b;
                String user = "U" + (10 + i);
                futures.add(pool.submit(() -> store.change(n, new IncidentChange.NewRoleHolder("comms", user),
                        TimelineEntry.of(NOW, EntryKind.ROLE, "U1", "Comms: <@" + user + ">"))));
            }
            for (Future<Incident> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        java.util.Map<String, String> holders = a.roleHolders(n);
        assertEquals(java.util.Set.of("comms"), holders.keySet());
        assertTrue(holders.get("comms").matches("U[12][0-9]"), holders.toString());
        assertEquals(16, a.entries(n).stream().filter(e -> e.kind() == EntryKind.ROLE).count());
        a.change(n, new IncidentChange.NewRoleHolder("scribe", "U2"), TimelineEntry.of(NOW, EntryKind.ROLE, "U1", "x"));
        assertEquals("U2", b.roleHolders(n).get("scribe"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void concurrentOpensOnTwoPoolsNeverCollide(DatabaseKind kind) throws Exception {
        TestDatabases.Target t = target(kind);
        JdbiIncidentStore a = store(t);
        JdbiIncidentStore b = store(t); // a second pool: what a second replica has
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Incident>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                JdbiIncidentStore store = i % 2 == 0 ? a : b;
                String channel = "C" + i;
                futures.add(pool.submit(() -> StoreCalls.open(store, "x", Severity.SEV3, channel, "C0", "U1", NOW)));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<Incident> f : futures) {
                numbers.add(f.get().number());
            }
            assertEquals(30, numbers.stream().distinct().count(), numbers.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailingMigrationNamesItselfAndLeavesSchemaAndDataAsTheyWere(DatabaseKind kind) throws Exception {
        TestDatabases.Target t = target(kind);
        JdbiIncidentStore store = store(t);
        int n = StoreCalls.open(store, "before the bad deploy 🔥", Severity.SEV2, "C1", "C0", "U1", NOW).number();
        store.recordInOpenIncident(new RecordedMessage("C1", "1700000000.000100", null, "U1", "kept 😬", Instant.ofEpochSecond(1700000000)), null);
        databases.closeAll();

        Database.MigrationException e = assertThrows(Database.MigrationException.class,
                () -> Database.open(t.url(), t.user(), t.password(), List.of("classpath:db/failing")));
        assertTrue(e.getMessage().contains("V900__deliberately_failing"), e.getMessage());

        JdbiIncidentStore after = store(t); // a normal start after the failure: no repair by hand needed
        assertEquals("before the bad deploy 🔥", after.find(n).orElseThrow().title());
        assertEquals("kept 😬", after.messages(n).toList().get(0).text());
        // H2 keeps Flyway's lowercase names as quoted identifiers.
        String q = kind == DatabaseKind.H2 ? "\"" : "";
        List<String> rows = databases.opened().get(0).jdbi().withHandle(h -> h.createQuery(
                "SELECT " + q + "version" + q + ", " + q + "success" + q + " FROM " + q + "flyway_schema_history" + q
                        + " WHERE " + q + "version" + q + " IS NOT NULL")
                .map((r, ctx) -> r.getString(1) + ":" + r.getBoolean(2)).list());
        long migrations;
        try (var files = java.nio.file.Files.list(Path.of(getClass().getResource("/db/migration").toURI()))) {
            migrations = files.filter(f -> f.getFileName().toString().matches("V\\d+(_\\d+)?__.*\\.sql")).count();
        }
        assertEquals(migrations, rows.size(), rows.toString());
        assertTrue(rows.stream().allMatch(r -> r.endsWith(":true")), "no failed migration is left recorded: " + rows);
        assertFalse(rows.stream().anyMatch(r -> r.startsWith("900:")), rows.toString());
    }
}

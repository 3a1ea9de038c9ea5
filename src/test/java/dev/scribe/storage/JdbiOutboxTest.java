package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.PostKind;
import dev.scribe.outbox.ReportKey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's own queries on a real H2 file. */
class JdbiOutboxTest {

    private static final Instant NOW = Instant.parse("2026-12-01T19:16:00Z");

    @TempDir
    Path dir;
    private Database database;
    private JdbiIncidentStore store;
    private JdbiOutbox outbox;

    @BeforeEach
    void open() {
        database = Database.open("jdbc:h2:file:" + dir.resolve("db") + ";WRITE_DELAY=0", null, null);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        store = new JdbiIncidentStore(database, clock);
        outbox = new JdbiOutbox(database, clock);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
    }

    private Incident closed(String channel) {
        Incident incident = StoreCalls.open(store, "Checkout errors", Severity.SEV2, channel, channel, "U1", NOW);
        StoreCalls.close(store, incident.number(), NOW.plusSeconds(60), "U1", null);
        return incident;
    }

    @Test
    void missingReportsAreTheLatestClosesWithoutStoredPostsReadInOneQuery() {
        closed("C1");
        Incident stored = closed("C2");
        outbox.store(List.of(OutboxPost.pending(new ReportKey(stored.number(), 1), 0, PostKind.SUMMARY, "C2", "{}", null)));
        Incident reclosed = closed("C3");
        StoreCalls.reopenLast(store, "C3", NOW.plusSeconds(120), "U1");
        StoreCalls.close(store, reclosed.number(), NOW.plusSeconds(180), "U1", null);
        StoreCalls.open(store, "Still open", Severity.SEV3, "C4", "C4", "U1", NOW);
        closed("C5");

        AtomicInteger statements = new AtomicInteger();
        database.jdbi().setSqlLogger(new SqlLogger() {
            @Override
            public void logBeforeExecution(StatementContext context) {
                statements.incrementAndGet();
            }
        });
        List<ReportKey> missing = outbox.missingReports();
        database.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);

        assertEquals(List.of(new ReportKey(1, 1), new ReportKey(3, 2), new ReportKey(5, 1)), missing);
        assertEquals(1, statements.get(), "one query, not one more per incident");
    }
}

package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.export.ReplayClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Claims of slash command trigger ids, on every supported database, by one store or two sharing it. */
class JdbiCommandInvocationsTest {

    @TempDir
    Path dir;
    @RegisterExtension
    final OpenDatabases databases = new OpenDatabases();
    private final ReplayClock clock = new ReplayClock(Instant.parse("2026-11-22T10:00:00Z"));

    private TestDatabases.Target target(DatabaseKind kind) throws Exception {
        return databases.create(kind, dir);
    }

    /** A replica: its own pool and store on the shared database. */
    private JdbiCommandInvocations replica(TestDatabases.Target t) {
        Database db = databases.open(t);
        return new JdbiCommandInvocations(db, clock);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aTriggerIdIsClaimedOnceAcrossReplicas(DatabaseKind kind) throws Exception {
        TestDatabases.Target t = target(kind);
        JdbiCommandInvocations a = replica(t);
        JdbiCommandInvocations b = replica(t);
        assertTrue(a.claim("13345224609.738474920.8088930838d88f008e0"));
        assertFalse(a.claim("13345224609.738474920.8088930838d88f008e0"));
        assertFalse(b.claim("13345224609.738474920.8088930838d88f008e0"), "the other replica sees it too");
        assertTrue(b.claim("13345224609.738474920.8088930838d88f008e1"));

        // The same id racing on both replicas at once: exactly one wins.
        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String id = "race." + round;
                List<Callable<Boolean>> claims = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    JdbiCommandInvocations replica = i % 2 == 0 ? a : b;
                    claims.add(() -> replica.claim(id));
                }
                int won = 0;
                for (Future<Boolean> f : racers.invokeAll(claims)) {
                    won += f.get() ? 1 : 0;
                }
                assertEquals(1, won, id);
            }
        } finally {
            racers.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anIdLongerThanTheColumnIsClaimedOnceToo(DatabaseKind kind) throws Exception {
        JdbiCommandInvocations invocations = replica(target(kind));
        String longId = "1337." + "9".repeat(400);
        assertTrue(invocations.claim(longId));
        assertFalse(invocations.claim(longId));
        assertTrue(invocations.claim(longId + "0"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rowsOlderThanADayAreDeletedByALaterClaim(DatabaseKind kind) throws Exception {
        TestDatabases.Target t = target(kind);
        JdbiCommandInvocations invocations = replica(t);
        assertTrue(invocations.claim("old.1"));
        clock.set(clock.instant().plus(Duration.ofHours(23)));
        assertTrue(invocations.claim("recent.1"));
        assertEquals(2, rows(t));
        clock.set(clock.instant().plus(Duration.ofHours(2))); // old.1 is now 25 hours old, recent.1 two hours
        assertTrue(invocations.claim("new.1"));
        assertEquals(2, rows(t), "old.1 was deleted");
        assertFalse(invocations.claim("recent.1"), "what is younger than a day is still refused");
    }

    private long rows(TestDatabases.Target t) {
        Database db = databases.opened().get(0);
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM command_invocations").mapTo(Long.class).one());
    }
}

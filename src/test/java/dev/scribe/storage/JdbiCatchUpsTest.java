package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.CatchUps.Claim;
import dev.scribe.incident.ReadBack;
import dev.scribe.incident.ReadBack.Recovery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catch-ups' claims, progress and recoveries, the same on H2, PostgreSQL and MariaDB. */
class JdbiCatchUpsTest {

    static final Instant T0 = Instant.parse("2026-03-01T03:05:00Z");
    static final Duration LEASE = Duration.ofMinutes(2);

    @TempDir
    Path dir;
    @RegisterExtension
    final OpenDatabases databases = new OpenDatabases();

    private JdbiCatchUps catchUps(DatabaseKind kind) throws Exception {
        return new JdbiCatchUps(databases.open(databases.create(kind, dir)));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void oneReplicaHoldsARead(DatabaseKind kind) throws Exception {
        JdbiCatchUps c = catchUps(kind);
        c.request(7, T0);
        c.request(7, T0.plusSeconds(1)); // asked again before it started: the same read, up to the later moment
        assertEquals(List.of(7), c.due(T0.plusSeconds(1)));
        Optional<Claim> a = c.claim(7, "a", T0.plusSeconds(1), T0.plus(LEASE));
        assertTrue(a.isPresent());
        assertEquals(T0.plusSeconds(1), a.get().requestedAt());
        assertFalse(c.claim(7, "b", T0.plusSeconds(2), T0.plus(LEASE)).isPresent(), "held by a");
        assertEquals(List.of(), c.due(T0.plusSeconds(2)));
        assertTrue(c.readBack(7).inProgress());

        // a dies: once its lease ran out, b takes the read over where a stored it had come.
        assertTrue(c.progress(7, "a", "1772334000.000100", 40, Optional.of(T0.minusSeconds(3000)), T0.plus(LEASE)));
        Instant later = T0.plus(LEASE).plusSeconds(1);
        Claim b = c.claim(7, "b", later, later.plus(LEASE)).orElseThrow();
        assertEquals(Optional.of("1772334000.000100"), b.resumeBeforeTs());
        assertEquals(40, b.recovered());
        assertFalse(c.renew(7, "a", later.plus(LEASE)), "a lost it");
        assertFalse(c.progress(7, "a", "1772333000.000100", 41, Optional.empty(), later.plus(LEASE)));

        c.finish(7, "b", 52, Optional.of(T0.minusSeconds(3300)), later);
        assertEquals(new ReadBack(List.of(new Recovery(52, T0.minusSeconds(3300), T0.plusSeconds(1))), false),
                c.readBack(7));
        assertEquals(List.of(), c.due(later));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aGapWhileAReadRunsAsksForAnotherOnceItEnds(DatabaseKind kind) throws Exception {
        JdbiCatchUps c = catchUps(kind);
        c.request(3, T0);
        c.claim(3, "a", T0, T0.plus(LEASE)).orElseThrow();
        c.request(3, T0.plusSeconds(30));
        c.finish(3, "a", 0, Optional.empty(), T0.plusSeconds(40));
        assertEquals(List.of(), c.readBack(3).recoveries(), "nothing recovered, nothing to say");
        Claim again = c.claim(3, "b", T0.plusSeconds(41), T0.plus(LEASE)).orElseThrow();
        assertEquals(T0.plusSeconds(30), again.requestedAt());
        assertEquals(Optional.empty(), again.resumeBeforeTs(), "a new read, from the top");

        // Given back while stopping: due again at once, its progress kept.
        c.progress(3, "b", "1772334000.000100", 5, Optional.of(T0), T0.plus(LEASE));
        c.release(3, "b", T0.plusSeconds(42));
        assertEquals(Optional.of("1772334000.000100"),
                c.claim(3, "c", T0.plusSeconds(42), T0.plus(LEASE)).orElseThrow().resumeBeforeTs());
    }
}

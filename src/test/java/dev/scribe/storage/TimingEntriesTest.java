package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.Mark;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Directory;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.PostmortemCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The few reads {@code /insights} derives key timings from give the same timings as compiling each incident's
 * report: marks on recorded messages at their time, once per message and kind, none for a deleted or unrecorded
 * message, status changes and typed moments, each incident's apart from the others'.
 */
class TimingEntriesTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;
    @RegisterExtension
    final OpenDatabases databases = new OpenDatabases();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theEntriesGiveTheKeyTimingsOfTheCompiledReport(DatabaseKind kind) throws Exception {
        JdbiIncidentStore store = new JdbiIncidentStore(databases.open(databases.create(kind, dir)),
                Clock.fixed(T0, ZoneOffset.UTC));
        Incident marked = StoreCalls.open(store, "Marked", Severity.SEV1, "C1", "C0", "U1", T0);
        String trigger = message(store, "C1", 60, "deploy");
        String detected = message(store, "C1", 120, "alert");
        String mitigatedThenDeleted = message(store, "C1", 180, "rolled back");
        message(store, "C1", 240, "all good");
        mark(store, marked, "C1", trigger, EntryKind.TRIGGER, "U1");
        mark(store, marked, "C1", trigger, EntryKind.TRIGGER, "U2");
        mark(store, marked, "C1", detected, EntryKind.DETECTED, "U1");
        mark(store, marked, "C1", mitigatedThenDeleted, EntryKind.MITIGATED, "U1");
        store.deleteMessage("C1", mitigatedThenDeleted, T0.plusSeconds(200));
        mark(store, marked, "C1", ts(30), EntryKind.ACKNOWLEDGED, "U1"); // a message never recorded
        store.addEntry(marked.number(), TimelineEntry.of(T0.plusSeconds(150), EntryKind.ACKNOWLEDGED, "U2", "on it"));
        store.addEntry(marked.number(), TimelineEntry.of(T0.plusSeconds(300), EntryKind.STATUS, "U2", "monitoring"));
        StoreCalls.close(store, marked.number(), T0.plusSeconds(600), "U1", "fixed");

        Incident plain = StoreCalls.open(store, "Nothing marked", Severity.SEV3, "C1", "C0", "U1", T0.plusSeconds(700));
        StoreCalls.close(store, plain.number(), T0.plusSeconds(900), "U1", "fine");

        Incident open = StoreCalls.open(store, "Open", Severity.SEV2, "C2", "C0", "U1", T0);
        String other = message(store, "C2", 90, "other alert");
        mark(store, open, "C2", other, EntryKind.DETECTED, "U3");
        mark(store, open, "C2", other, EntryKind.RESOLVED, "U3");

        List<Integer> numbers = List.of(marked.number(), plain.number(), open.number());
        Map<Integer, List<TimelineEntry>> entries = store.timingEntries(numbers);
        assertEquals(numbers, List.copyOf(entries.keySet()));
        for (int number : numbers) {
            Incident incident = store.find(number).orElseThrow();
            KeyTimings compiled = new PostmortemCompiler(Directory.ofIdsOnly(), ZoneOffset.UTC).compile(new IncidentRecord(
                    incident, store.messages(number), store.entries(number), store.marks(number))).timings();
            assertEquals(compiled, KeyTimings.derive(incident.startedAt(), incident.closedAt(), entries.get(number)),
                    "incident " + incident.title());
        }
        // Two people's trigger on one message make one entry; the deleted and the unrecorded message none.
        assertEquals(store.entries(marked.number()).size() + 2, entries.get(marked.number()).size());
        assertEquals(store.entries(plain.number()), entries.get(plain.number()));
        assertEquals(store.entries(open.number()).size() + 2, entries.get(open.number()).size());
        assertEquals(Map.of(), store.timingEntries(List.of()));
    }

    private static String ts(int secondsAfterStart) {
        return T0.plusSeconds(secondsAfterStart).getEpochSecond() + ".000100";
    }

    private static String message(JdbiIncidentStore store, String channel, int secondsAfterStart, String text) {
        String ts = ts(secondsAfterStart);
        store.recordInOpenIncident(new RecordedMessage(channel, ts, null, "U" + secondsAfterStart, text,
                T0.plusSeconds(secondsAfterStart)), "Ev" + channel + ts);
        return ts;
    }

    private static void mark(JdbiIncidentStore store, Incident incident, String channel, String ts, EntryKind kind,
                             String user) {
        store.addMark(incident.number(), new Mark(channel, ts, kind, user), kind.name().toLowerCase() + "-" + user, T0);
    }
}

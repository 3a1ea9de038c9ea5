package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.storage.DatabaseKind;
import dev.scribe.storage.TestDatabases;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.ApiCall;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL, both down while people talk, then started at the same moment: both ask for the
 * incident to be read back, one reads it at a time, and nothing is recorded twice. Skipped without
 * SCRIBE_TEST_POSTGRES_URL.
 */
class CatchUpReplicasTest {

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestDatabases.Target database;
    final List<RunningScribe> replicas = new ArrayList<>();
    final ExecutorService starters = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws Exception {
        starters.shutdownNow();
        for (RunningScribe r : replicas) {
            r.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (database != null) {
            database.drop().run();
        }
    }

    @Test
    void bothReplicasStartingAfterTheGapReadTheChannelBackOneAtATimeAndRecordEachMessageOnce() throws Exception {
        database = TestDatabases.create(DatabaseKind.POSTGRESQL, dir);
        slack = RunningScribe.seededSlack();
        Map<String, String> env = new HashMap<>(RunningScribe.environment(slack, database.url(),
                // Slow enough (five calls a second) that the second replica's start-up comes while the first reads.
                Map.of("SCRIBE_CATCH_UP_RATE", "300")));
        env.put("SCRIBE_DB_USER", database.user());
        env.put("SCRIBE_DB_PASSWORD", database.password());
        RunningScribe a = RunningScribe.startWith(slack, env);
        RunningScribe b = RunningScribe.startWith(slack, env);
        String channel = RunningScribe.startIncident(slack, a.http(), ALICE, "Both replicas were down");
        CatchUpScenario scenario = new CatchUpScenario(slack, channel, e -> b.http().event(e));
        scenario.beforeTheGap();
        a.close();
        b.close();

        scenario.duringTheGap();
        for (int i = 0; i < 450; i++) {
            slack.post(channel, i % 2 == 0 ? ALICE : BOB, "missed while both were down " + i);
        }
        int calls = scenario.readBackCalls().size();
        List<Callable<RunningScribe>> starts = List.of(() -> RunningScribe.startWith(slack, env),
                () -> RunningScribe.startWith(slack, env));
        for (Future<RunningScribe> started : starters.invokeAll(starts)) {
            replicas.add(started.get());
        }
        scenario.awaitCaughtUp(database.url(), database.user(), database.password(), calls, 1);

        long messages = CatchUpScenario.count(database.url(), database.user(), database.password(),
                "SELECT COUNT(*) FROM messages WHERE deleted_at_us IS NULL");
        assertEquals(9 + 450, messages);
        assertEquals(4 + 450, CatchUpScenario.count(database.url(), database.user(), database.password(),
                "SELECT messages FROM catch_up_recoveries"), "one catch-up recovered them, and noted it once");
        // Reads never overlap: each begins from the top (no cursor) and pages to the end before the next begins.
        List<ApiCall> reads = scenario.readBackCalls().subList(calls, scenario.readBackCalls().size());
        assertEquals(0, reads.size() % 3, "whole reads of three pages: " + describe(reads));
        for (int i = 0; i < reads.size(); i++) {
            assertEquals(i % 3 == 0, reads.get(i).param("cursor") == null, describe(reads));
        }

        replicas.get(0).command(ALICE, channel, "close");
        String markdown = replicas.get(0).awaitReport(1).contentAsUtf8();
        assertEquals(9 + 450, IncidentFlowTest.transcriptLines(markdown).size(), markdown);
        assertTrue(markdown.contains("_454 messages recovered after the bot was unreachable from "), markdown);
    }

    private static String describe(List<ApiCall> reads) {
        return reads.stream().map(c -> c.param("cursor") == null ? "top" : "page").toList().toString();
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.storage.DatabaseKind;
import dev.scribe.storage.TestDatabases;
import dev.scribe.testing.FakeSlackApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas behind one load balancer on one PostgreSQL: Slack's retries land on either, closes are
 * drained by both, starts race. The database alone keeps it right. Skipped without SCRIBE_TEST_POSTGRES_URL.
 */
class TwoReplicasTest {

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestDatabases.Target database;
    RunningScribe a;
    RunningScribe b;
    ExecutorService senders = Executors.newFixedThreadPool(8);

    @BeforeEach
    void start() throws Exception {
        database = TestDatabases.create(DatabaseKind.POSTGRESQL, dir);
        slack = new FakeSlackApi(RunningScribe.TOKEN);
        RunningScribe.seed(slack);
        Map<String, String> env = new HashMap<>(RunningScribe.environment(slack, database.url(), Map.of()));
        env.put("SCRIBE_DB_USER", database.user());
        env.put("SCRIBE_DB_PASSWORD", database.password());
        a = RunningScribe.startWith(slack, env);
        b = RunningScribe.startWith(slack, env);
    }

    @AfterEach
    void stop() throws Exception {
        senders.shutdownNow();
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        if (slack != null) {
            slack.close();
        }
        if (database != null) {
            database.drop().run();
        }
    }

    @Test
    void retriesOnEitherReplicaRecordOnceAndTheReportIsPostedOnce() throws Exception {
        String channel = RunningScribe.startIncident(slack, a.http(), ALICE, "Replicated incident");
        long t = System.currentTimeMillis() / 1000 - 100;
        List<Callable<Integer>> sends = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String ts = SlackPayloads.ts(t + i, i + 1);
            String event = SlackPayloads.message(SlackPayloads.eventId(), channel, i % 2 == 0 ? ALICE : BOB, ts, null,
                    "message " + i);
            // The same delivery to both replicas at once, and the same message under a new event id.
            String again = SlackPayloads.message(SlackPayloads.eventId(), channel, i % 2 == 0 ? ALICE : BOB, ts, null,
                    "message " + i);
            sends.add(() -> a.http().event(event).statusCode());
            sends.add(() -> b.http().retry(event, 1).statusCode());
            RunningScribe third = i % 3 == 0 ? a : b;
            sends.add(() -> third.http().event(again).statusCode());
        }
        for (Future<Integer> f : senders.invokeAll(sends)) {
            assertEquals(200, f.get());
        }
        HttpResponse<String> close = b.http().command(SlackPayloads.slashCommand(ALICE, channel, "close",
                slack.responseUrl("close")));
        assertEquals(200, close.statusCode(), close.body());

        String markdown = a.awaitReport(1).contentAsUtf8();
        a.awaitOutboxEmpty();
        List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
        assertEquals(20, transcript.size(), markdown);
        for (int i = 0; i < 20; i++) {
            int n = i;
            assertEquals(1, transcript.stream().filter(l -> l.endsWith(": message " + n)).count(), "message " + i);
        }
        assertEquals(1, slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed")).count(),
                slack.callSummary());
        assertEquals(1, slack.uploadedFiles().size(), slack.callSummary());
    }

    @Test
    void incidentsStartedAtOnceOnBothReplicasGetDistinctNumbers() throws Exception {
        List<Callable<Integer>> starts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String origin = "C0ORIGIN" + i;
            slack.addChannel(origin, "team-" + i);
            slack.addMember(origin, ALICE);
            RunningScribe replica = i % 2 == 0 ? a : b;
            int n = i;
            starts.add(() -> replica.http().command(SlackPayloads.slashCommand(ALICE, origin, "start Outage " + n,
                    slack.responseUrl("start-" + n))).statusCode());
        }
        for (Future<Integer> f : senders.invokeAll(starts)) {
            assertEquals(200, f.get());
        }
        List<Integer> numbers = slack.await(this::incidentNumbers, list -> list.size() == 12, RunningScribe.WAIT);
        Set<Integer> distinct = new HashSet<>(numbers);
        assertEquals(12, distinct.size(), numbers.toString());
        assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), distinct);
        assertTrue(slack.channels().stream().filter(c -> c.name().startsWith("inc-")).count() == 12,
                "each start made its own channel: " + slack.channels());
    }

    @Test
    void aCommandReplayedToBothReplicasIsActedOnOnce() throws Exception {
        String channel = RunningScribe.startIncident(slack, a.http(), ALICE, "Replayed on both replicas");
        String form = SlackPayloads.slashCommand(BOB, channel, "note seen by both replicas", slack.responseUrl("both"));
        List<Callable<HttpResponse<String>>> sends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            RunningScribe replica = i % 2 == 0 ? a : b;
            sends.add(() -> replica.http().command(form));
        }
        int added = 0;
        for (Future<HttpResponse<String>> f : senders.invokeAll(sends)) {
            HttpResponse<String> ack = f.get();
            assertEquals(200, ack.statusCode(), ack.body());
            if (ack.body().contains("Note added")) {
                added++;
            } else {
                assertEquals("", ack.body(), "a replay is acknowledged with nothing to show");
            }
        }
        assertEquals(1, added);
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM timeline_entries WHERE body = 'seen by both replicas'")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    private List<Integer> incidentNumbers() {
        List<Integer> numbers = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT incident_number FROM incidents")) {
            while (rs.next()) {
                numbers.add(rs.getInt(1));
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return numbers;
    }
}

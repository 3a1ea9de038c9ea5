package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.storage.DatabaseKind;
import dev.scribe.storage.TestDatabases;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas on one PostgreSQL, both looking for reminders every half second with periods of two seconds: each
 * reminder is sent once, update reminders at most once a period, and none after the close. Skipped without
 * SCRIBE_TEST_POSTGRES_URL.
 */
class RemindersOnTwoReplicasTest {

    @TempDir
    Path dir;
    FakeSlackApi slack;
    TestDatabases.Target database;
    RunningScribe a;
    RunningScribe b;

    @BeforeEach
    void start() throws Exception {
        database = TestDatabases.create(DatabaseKind.POSTGRESQL, dir);
        slack = RunningScribe.seededSlack();
        Map<String, String> env = new HashMap<>(RunningScribe.environment(slack, database.url(),
                Map.of("SCRIBE_UPDATE_REMINDER", "PT2S", "SCRIBE_CLOSE_REMINDER", "PT2S")));
        env.put("SCRIBE_DB_USER", database.user());
        env.put("SCRIBE_DB_PASSWORD", database.password());
        a = RunningScribe.startWith(slack, env);
        b = RunningScribe.startWith(slack, env);
    }

    @AfterEach
    void stop() throws Exception {
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
    void eachReminderIsSentOnceAcrossTheReplicasAndNoneAfterTheClose() throws Exception {
        String resolved = RunningScribe.startIncident(slack, a.http(), ALICE, "Resolved, left open");
        assertEquals(200, b.command(ALICE, resolved, "status resolved").ack().statusCode());
        String quiet = RunningScribe.startIncident(slack, b.http(), BOB, "Nobody says anything");

        slack.await(() -> reminders(quiet, "has had no status change"), r -> r.size() >= 3, WAIT);
        assertEquals(200, a.command(BOB, quiet, "close").ack().statusCode());
        slack.await(() -> reminders(resolved, "Close it?"), r -> !r.isEmpty(), WAIT);

        // A later incident's close reminder shows both replicas have looked again since the first was due.
        String later = RunningScribe.startIncident(slack, a.http(), ALICE, "Another one resolved");
        assertEquals(200, a.command(ALICE, later, "status resolved").ack().statusCode());
        slack.await(() -> reminders(later, "Close it?"), r -> !r.isEmpty(), WAIT);
        assertEquals(1, reminders(resolved, "Close it?").size(), slack.callSummary());
        assertEquals(List.of(), reminders(resolved, "has had no status change"), "a resolved incident gets no update reminders");

        List<long[]> updates = rows("SELECT occurrence, sent_at_us FROM reminders WHERE incident_number = 2 AND kind = 'UPDATE' "
                + "ORDER BY sent_at_us");
        assertEquals(updates.size(), reminders(quiet, "has had no status change").size(), "each stored reminder posted once");
        for (int i = 1; i < updates.size(); i++) {
            assertTrue(updates.get(i)[1] - updates.get(i - 1)[1] >= 2_000_000, "at most once a period: " + i);
        }
        assertEquals(0, rows("SELECT r.occurrence, r.sent_at_us FROM reminders r JOIN incidents i ON i.incident_number = "
                + "r.incident_number WHERE r.incident_number = 2 AND r.sent_at_us > i.closed_at_us").size(),
                "none taken after the close");
    }

    private List<PostedMessage> reminders(String channel, String saying) {
        return slack.topLevelMessages(channel).stream().filter(m -> m.text().contains(saying)).toList();
    }

    private List<long[]> rows(String sql) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
             PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new long[] {rs.getLong(1), rs.getLong(2)});
            }
        }
        return out;
    }
}

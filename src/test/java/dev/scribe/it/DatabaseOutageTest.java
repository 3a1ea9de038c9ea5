package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.storage.DatabaseKind;
import dev.scribe.storage.TestDatabases;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.TcpProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acked means stored: with the database stopped under a running bot, message and reaction events get 503 within
 * Slack's 3 seconds (never a 200 for something not stored), and once it is back Slack's retries of the same events
 * are stored, once. On H2 over TCP and PostgreSQL (through a proxy the test takes down, so the shared server is never
 * stopped), where the ack waits for the commit; and on the embedded H2 file, where the ack waits for the message
 * journal and a commit that fails later must lose nothing.
 */
class DatabaseOutageTest {

    /** Slack stops waiting for an answer after 3 seconds; a slower 503 is as good as no answer. */
    static final Duration SLACK_DEADLINE = Duration.ofSeconds(3);

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();
    /** For the tests that bring a database server and a fake Slack of their own. */
    @TempDir
    Path dir;

    /** A database the test can stop and start again under the bot, and count rows in. */
    interface Outage {
        void stop() throws Exception;

        void start() throws Exception;
    }

    @Test
    void onH2OverTcpEventsAreRefusedWhileTheDatabaseIsDownAndStoredOnceAfter() throws Exception {
        int port = freePort();
        // The H2 server runs in a process of its own, killed as an operator's crash would kill it.
        Process[] server = {h2Server(port)};
        try (FakeSlackApi slack = RunningScribe.seededSlack()) {
            // As the default: a commit is written at once, so killing the server loses nothing committed.
            String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/scribe;WRITE_DELAY=0";
            try (RunningScribe bot = RunningScribe.startWith(slack, RunningScribe.environment(slack, url, Map.of()))) {
                Outage outage = new Outage() {
                    @Override
                    public void stop() throws InterruptedException {
                        server[0].destroyForcibly().waitFor();
                    }

                    @Override
                    public void start() throws Exception {
                        server[0] = h2Server(port);
                    }
                };
                refusedWhileDownStoredOnceAfter(bot, outage, url, "", "");
            }
        } finally {
            server[0].destroyForcibly().waitFor();
        }
    }

    /** An H2 TCP server in a child JVM on {@code port}, once it accepts connections. */
    private Process h2Server(int port) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "org.h2.tools.Server", "-tcp", "-tcpPort", String.valueOf(port), "-baseDir", dir.toString(),
                "-ifNotExists")
                .redirectErrorStream(true).redirectOutput(dir.resolve("h2-server.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return p;
            } catch (IOException notYet) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IllegalStateException("the H2 server did not start: " + notYet);
                }
                Thread.sleep(50); // polling a port that is not open yet: there is nothing to wait on
            }
        }
    }

    @Test
    void onPostgresqlEventsAreRefusedWhileTheDatabaseIsDownAndStoredOnceAfter() throws Exception {
        TestDatabases.Target database = TestDatabases.create(DatabaseKind.POSTGRESQL, dir);
        URI direct = URI.create(database.url().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort());
             FakeSlackApi slack = RunningScribe.seededSlack()) {
            String viaProxy = database.url().replace("//" + direct.getHost() + ":" + direct.getPort() + "/",
                    "//127.0.0.1:" + proxy.port() + "/");
            Map<String, String> env = new HashMap<>(RunningScribe.environment(slack, viaProxy, Map.of()));
            env.put("SCRIBE_DB_USER", database.user());
            env.put("SCRIBE_DB_PASSWORD", database.password());
            try (RunningScribe bot = RunningScribe.startWith(slack, env)) {
                Outage outage = new Outage() {
                    @Override
                    public void stop() throws IOException {
                        proxy.stop();
                    }

                    @Override
                    public void start() throws IOException {
                        proxy.start();
                    }
                };
                refusedWhileDownStoredOnceAfter(bot, outage, database.url(), database.user(), database.password());
            }
        } finally {
            database.drop().run();
        }
    }

    private void refusedWhileDownStoredOnceAfter(RunningScribe bot, Outage outage, String url, String user,
                                                 String password) throws Exception {
        String channel = bot.startIncident(ALICE, "Database drill");
        long now = Instant.now().getEpochSecond();
        String before = SlackPayloads.ts(now, 1);
        bot.say(channel, BOB, before, null, "before the outage");

        outage.stop();
        String message = SlackPayloads.message(SlackPayloads.eventId(), channel, BOB, SlackPayloads.ts(now, 2), null,
                "during the outage");
        String reaction = SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "rotating_light", channel, before);
        assertRefusedInTime(bot, message);
        assertRefusedInTime(bot, reaction);
        assertEquals(503, bot.http().get("/healthz").statusCode());

        outage.start();
        bot.slack.await(() -> bot.http().get("/healthz").statusCode(), status -> status == 200, RunningScribe.WAIT);
        // Slack's retries: the first is stored, the second finds it stored and changes nothing.
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertEquals(200, bot.http().retry(message, attempt).statusCode());
            assertEquals(200, bot.http().retry(reaction, attempt).statusCode());
        }
        assertEquals(2, count(url, user, password, "SELECT COUNT(*) FROM messages WHERE channel_id = ?", channel));
        assertEquals(1, count(url, user, password, "SELECT COUNT(*) FROM marks WHERE channel_id = ?", channel));
    }

    @Test
    void onTheEmbeddedJournalACommitThatFailsLosesNothingAndWhatWaitsForItIsRefusedInTime(RunningScribe bot) throws Exception {
        String url = bot.dbUrl();
        String channel = bot.startIncident(ALICE, "Journal drill");
        long now = Instant.now().getEpochSecond();
        bot.say(channel, BOB, SlackPayloads.ts(now, 1), null, "before the failure");
        bot.tableCounts(); // everything so far is in its table

        // The database answers (SELECT 1 works) but refuses every message: the table is gone for a while.
        execute(url, "ALTER TABLE messages RENAME TO messages_away");
        String during = SlackPayloads.ts(now, 2);
        // Taken into the journal: safe from a crash, so acknowledged.
        bot.say(channel, BOB, during, null, "while commits fail");
        // A reaction must first see the messages before it stored: they are not, so it is refused in time.
        String reaction = SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "bulb", channel, during);
        assertRefusedInTime(bot, reaction);
        // SELECT 1 still answers, but what was acknowledged is not reaching the database: a monitor must see it.
        bot.slack.await(() -> bot.http().get("/healthz").statusCode(), status -> status == 503, RunningScribe.WAIT);

        execute(url, "ALTER TABLE messages_away RENAME TO messages");
        bot.slack.await(() -> bot.http().get("/healthz").statusCode(), status -> status == 200, RunningScribe.WAIT);
        AtomicInteger attempt = new AtomicInteger();
        bot.slack.await(() -> bot.http().retry(reaction, attempt.incrementAndGet()).statusCode(),
                status -> status == 200, RunningScribe.WAIT);
        assertEquals(200, bot.http().retry(reaction, attempt.incrementAndGet()).statusCode());
        bot.tableCounts();
        assertEquals(2, count(url, "", "", "SELECT COUNT(*) FROM messages WHERE channel_id = ?", channel),
                "the message taken while commits failed is stored, once");
        assertEquals(1, count(url, "", "", "SELECT COUNT(*) FROM marks WHERE channel_id = ?", channel));
    }

    @Test
    void eventsNoRetryCanStoreAreAcknowledgedAndIgnoredWithoutHoldingUpTheOthers(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Bad input drill");
        long now = Instant.now().getEpochSecond();
        // Year 2286, 1970, a day and more ahead, a user id longer than any Slack id, a user id with a line break.
        bot.say(channel, BOB, "9999999999.000001", null, "from the future");
        bot.say(channel, BOB, "0000000001.000000", null, "from 1970");
        bot.say(channel, BOB, SlackPayloads.ts(now + 26 * 3600, 1), null, "tomorrow and more");
        bot.say(channel, "U" + "X".repeat(39), SlackPayloads.ts(now, 1), null, "a forged user");
        bot.say(channel, "U0BOB\n[main] ERROR forged", SlackPayloads.ts(now, 2), null, "a forged log line");
        bot.say(channel, BOB, SlackPayloads.ts(now, 3), null, "a real message");
        bot.tableCounts();
        String url = bot.dbUrl();
        assertEquals(1, count(url, "", "", "SELECT COUNT(*) FROM messages WHERE channel_id = ?", channel));
        assertEquals(1, count(url, "", "", "SELECT COUNT(*) FROM messages WHERE body = 'a real message'"));
    }

    private static void assertRefusedInTime(RunningScribe bot, String event) {
        long started = System.nanoTime();
        HttpResponse<String> answer = bot.http().event(event);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(503, answer.statusCode(), answer.body());
        assertTrue(took.compareTo(SLACK_DEADLINE) < 0, "answered after " + took.toMillis() + " ms");
    }

    private static long count(String url, String user, String password, String sql, String... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, "", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

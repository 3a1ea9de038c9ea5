package dev.scribe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scribe.Config;
import dev.scribe.Scribe;
import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.FakeSlackApi.Channel;
import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real bot, in this JVM, on a random port and an H2 file in a temporary folder, talking to a
 * {@link FakeSlackApi}. Restartable on the same database, as an operator would restart it.
 */
final class RunningScribe implements AutoCloseable {

    static final String TOKEN = "xoxb-test-token";
    static final String SECRET = "test-signing-secret-8f2c";
    static final Duration WAIT = Duration.ofSeconds(20);

    static final String ALICE = "U01ALICE";
    static final String BOB = "U02BOB";
    static final String ZOE = "U03ZOE";
    static final String OPS = "C0OPS";

    final FakeSlackApi slack;
    private final Map<String, String> env;
    private final Clock clock;
    private final AtomicInteger commands = new AtomicInteger();
    private Scribe scribe;
    private SignedClient client;
    private boolean closed;

    private final boolean ownsSlack;
    private final Duration slackCallTimeout;

    private RunningScribe(FakeSlackApi slack, Map<String, String> env, Clock clock, boolean ownsSlack,
                          Duration slackCallTimeout) {
        this.slack = slack;
        this.env = env;
        this.clock = clock;
        this.ownsSlack = ownsSlack;
        this.slackCallTimeout = slackCallTimeout;
    }

    /** Starts the bot on a fake Slack the test owns (and closes), with exactly these settings. */
    static RunningScribe startWith(FakeSlackApi slack, Map<String, String> env) throws Exception {
        RunningScribe bot = new RunningScribe(slack, env, Clock.systemUTC(), false, Config.DEFAULT_SLACK_CALL_TIMEOUT);
        bot.boot();
        return bot;
    }

    static RunningScribe start(Path dir) throws Exception {
        return start(dir, Map.of(), Clock.systemUTC());
    }

    /** Starts the bot with {@code extraEnv} on top of the test defaults. */
    static RunningScribe start(Path dir, Map<String, String> extraEnv, Clock clock) throws Exception {
        return start(dir, extraEnv, clock, Config.DEFAULT_SLACK_CALL_TIMEOUT);
    }

    /** Starts the bot with a Slack call timeout other than production's 10 s, for tests of calls that hang. */
    static RunningScribe start(Path dir, Map<String, String> extraEnv, Clock clock, Duration slackCallTimeout)
            throws Exception {
        FakeSlackApi slack = new FakeSlackApi(TOKEN);
        seed(slack);
        RunningScribe bot = new RunningScribe(slack, environment(slack, h2Url(dir), extraEnv), clock, true, slackCallTimeout);
        try {
            bot.boot();
        } catch (Exception | Error e) {
            slack.close();
            throw e;
        }
        return bot;
    }

    /** The H2 database the bot uses in {@code dir}, with the production default's durability setting. */
    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("scribe").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    /** The settings the bot runs with, for a second replica or a child process. */
    static Map<String, String> environment(FakeSlackApi slack, String dbUrl, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_SIGNING_SECRET", SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", "0");
        env.put("SCRIBE_DB_URL", dbUrl);
        // Reading back the channel compares what was recorded with the fake's copy of it. Most tests send events the
        // fake never saw posted, which a read-back would take for messages deleted in Slack; the tests of catching up
        // keep the fake's side whole and turn it on (CatchUpTest).
        env.put("SCRIBE_CATCH_UP_RATE", "off");
        env.putAll(extra);
        return env;
    }

    /** A fake Slack of the test's own (a replica's, a child process's), seeded with the workspace below. */
    static FakeSlackApi seededSlack() {
        FakeSlackApi slack = new FakeSlackApi(TOKEN);
        seed(slack);
        return slack;
    }

    /** Settings for a bot in a child process on an H2 file in {@code dir}, to add to (LC_ALL, a database user). */
    static Map<String, String> childEnvironment(FakeSlackApi slack, Path dir) {
        return new HashMap<>(environment(slack, h2Url(dir), Map.of()));
    }

    /** The workspace the tests play in: three people and an #ops channel everyone is in. */
    static void seed(FakeSlackApi slack) {
        slack.addUser(ALICE, "alice", "Alice");
        slack.addUser(BOB, "bob", "Bob");
        slack.addUser(ZOE, "zoe", "Zoë 🦊");
        slack.addChannel(OPS, "ops");
        for (String user : List.of(ALICE, BOB, ZOE)) {
            slack.addMember(OPS, user);
        }
    }

    private void boot() throws Exception {
        scribe = Scribe.start(Config.fromEnvironment(env).withSlackCallTimeout(slackCallTimeout), clock);
        client = new SignedClient(scribe.port(), SECRET, clock);
    }

    /** Stops the bot gracefully and starts it again on the same database and fake Slack. */
    void restart() throws Exception {
        restart(() -> { });
    }

    /** Stops the bot gracefully, runs {@code whileDown} (people acting in Slack), and starts it again. */
    void restart(Runnable whileDown) throws Exception {
        scribe.close();
        whileDown.run();
        boot();
    }

    /** The port the bot listens on. */
    int port() {
        return scribe.port();
    }

    SignedClient http() {
        return client;
    }

    /** The JDBC URL of the bot's database. */
    String dbUrl() {
        return env.get("SCRIBE_DB_URL");
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** What {@code /incident <text>} got back: the ack and the response_url the bot may answer on later. */
    record Reply(HttpResponse<String> ack, String responseId) {

        /** The ack answered only the caller, saying {@code expected}. */
        void assertEphemeral(String expected) {
            assertAck("ephemeral", expected);
        }

        /** The ack answered the whole channel, saying {@code expected}. */
        void assertInChannel(String expected) {
            assertAck("in_channel", expected);
        }

        private void assertAck(String responseType, String expected) {
            assertEquals(200, ack.statusCode(), ack.body());
            com.google.gson.JsonObject body = com.google.gson.JsonParser.parseString(ack.body()).getAsJsonObject();
            assertEquals(responseType, body.get("response_type").getAsString(), ack.body());
            String text = body.get("text").getAsString();
            org.junit.jupiter.api.Assertions.assertTrue(text.contains(expected), text);
        }
    }

    Reply command(String user, String channel, String text) {
        String id = "cmd-" + commands.incrementAndGet();
        HttpResponse<String> ack = client.command(SlackPayloads.slashCommand(user, channel, text, slack.responseUrl(id)));
        return new Reply(ack, id);
    }

    /** {@code /incident start <title>} from #ops, waiting for the dedicated channel; returns its id. */
    String startIncident(String user, String title) {
        int before = incidentChannels().size();
        Reply reply = command(user, OPS, "start " + title);
        assertEquals(200, reply.ack().statusCode(), reply.ack().body());
        List<Channel> channels = slack.await(this::incidentChannels, c -> c.size() > before, WAIT);
        Channel channel = channels.get(channels.size() - 1);
        awaitAnnouncement(OPS, channel.id());
        // The start's last step is storing where it was announced, just after Slack answered.
        slack.await(this::storedAnnouncements, n -> n >= channels.size(), WAIT);
        return channel.id();
    }

    private long storedAnnouncements() {
        try (Connection c = connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM incident_announcements")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bot's announcement, in the channel where it was started, of the incident living in {@code incidentChannel}. */
    PostedMessage awaitAnnouncement(String where, String incidentChannel) {
        return slack.await(() -> slack.topLevelMessages(where).stream()
                .filter(m -> m.text().contains("opened *incident") && m.text().contains("<#" + incidentChannel + ">"))
                .findFirst(), Optional::isPresent, WAIT).orElseThrow();
    }

    List<Channel> incidentChannels() {
        return slack.channels().stream().filter(c -> c.name().startsWith("inc-")).toList();
    }

    /** The answers the bot posted to a command's response_url, waiting for at least {@code count}. */
    List<ResponseUrlPost> awaitAnswers(Reply reply, int count) {
        return slack.await(() -> slack.responseUrlPosts(reply.responseId()), posts -> posts.size() >= count, WAIT);
    }

    /** Sends a message event and checks the ack. */
    void say(String channel, String user, String ts, String threadTs, String text) {
        ack(client.event(SlackPayloads.message(SlackPayloads.eventId(), channel, user, ts, threadTs, text)));
    }

    void event(String json) {
        ack(client.event(json));
    }

    /** Waits for the RCA Markdown of incident {@code number} to be uploaded. */
    UploadedFile awaitReport(int number) {
        String name = "incident-" + number + "-rca.md";
        return slack.await(() -> slack.uploadedFiles().stream().filter(f -> f.filename().equals(name)).findFirst(),
                Optional::isPresent, WAIT).orElseThrow();
    }

    /** {@code /incident start} from #ops sent by another client (a replica, a child process); returns the channel. */
    static String startIncident(FakeSlackApi slack, SignedClient client, String user, String title) {
        int before = (int) slack.channels().stream().filter(c -> c.name().startsWith("inc-")).count();
        HttpResponse<String> ack = client.command(SlackPayloads.slashCommand(user, OPS, "start " + title,
                slack.responseUrl("start-" + System.nanoTime())));
        assertEquals(200, ack.statusCode(), ack.body());
        List<Channel> channels = slack.await(() -> slack.channels().stream().filter(c -> c.name().startsWith("inc-")).toList(),
                c -> c.size() > before, WAIT);
        String channel = channels.get(channels.size() - 1).id();
        // The incident is stored between creating the channel and inviting people: once invited, it records.
        slack.await(() -> slack.members(channel), members -> members.contains(user), WAIT);
        return channel;
    }

    /**
     * Row counts of every table of the bot's database (H2 in this JVM shares the open database), once every
     * message acknowledged so far has left the message journal for its table. Except {@code command_invocations},
     * which notes the trigger id of every command that arrived, bad or not, so that a replay is acted on once.
     */
    Map<String, Long> tableCounts() throws SQLException {
        scribe.awaitStored();
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect();
             Statement s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES "
                    + "WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME <> 'COMMAND_INVOCATIONS'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(env.get("SCRIBE_DB_URL"), env.getOrDefault("SCRIBE_DB_USER", ""),
                env.getOrDefault("SCRIBE_DB_PASSWORD", ""));
    }

    /** Returns once every message acknowledged so far is in the database tables. */
    void awaitStored() {
        scribe.awaitStored();
    }

    /** Runs one SQL statement on the bot's database behind its back (to take a table away, say). */
    void execute(String sql) throws SQLException {
        try (Connection c = connect();
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The one number {@code sql} (a {@code SELECT COUNT(*) ...} with {@code ?} for {@code args}) answers. */
    long count(String sql, String... args) throws SQLException {
        try (Connection c = connect();
             java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Posts of the report outbox Slack has not accepted yet. */
    long pendingPosts() {
        try (Connection c = connect();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM report_posts WHERE NOT done")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code text} of each stored report post of incident {@code number} of one kind, in posting order. */
    List<String> storedPostTexts(int number, String kind) {
        try (Connection c = connect();
             java.sql.PreparedStatement s = c.prepareStatement(
                     "SELECT payload FROM report_posts WHERE incident_number = ? AND kind = ? ORDER BY close_count, seq")) {
            s.setInt(1, number);
            s.setString(2, kind);
            List<String> texts = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    texts.add(com.google.gson.JsonParser.parseString(rs.getString(1)).getAsJsonObject().get("text").getAsString());
                }
            }
            return texts;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until every stored report post is done, so a duplicate would have had its chance to appear. */
    void awaitOutboxEmpty() {
        slack.await(this::pendingPosts, n -> n == 0, WAIT);
    }

    private static void ack(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), "ack: " + response.body());
    }

    /** Stops the bot (and the fake Slack it owns); a second close does nothing, so a test may stop it early. */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (scribe != null) {
                scribe.close();
            }
        } finally {
            if (ownsSlack) {
                slack.close();
            }
        }
    }
}

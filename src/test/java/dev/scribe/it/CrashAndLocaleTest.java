package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scribe.testing.FakeSlackApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability and locale: the bot runs in its own JVM under {@code LC_ALL=C} without {@code -Dfile.encoding}
 * (the default charset is then ASCII), takes signed messages with emoji, CJK and RTL text, and is killed
 * with SIGKILL right after the last ack. Restarted on the same database, its report holds every
 * acknowledged message, byte for byte.
 */
class CrashAndLocaleTest {

    @TempDir
    Path dir;

    /** file.encoding of a JVM started with this environment and no -Dfile.encoding. */
    private static String defaultCharsetUnder(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XshowSettings:properties", "-version").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("file\\.encoding = (\\S+)").matcher(out);
        return m.find() ? m.group(1) : out;
    }

    /** The bodies of every stored message, in ts order, read back with JDBC (the running bot shares the H2 file). */
    private static List<String> storedBodies(String dbUrl) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(dbUrl, "", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT body FROM messages ORDER BY ts")) {
            while (rs.next()) {
                bodies.add(rs.getString(1));
            }
        }
        return bodies;
    }

    @Test
    void everyAcknowledgedMessageSurvivesKill9UnderTheCLocale() throws Exception {
        try (FakeSlackApi slack = RunningScribe.seededSlack()) {
            Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
            env.put("LC_ALL", "C");
            // From Java 18 on the default charset is UTF-8 whatever the locale (JEP 400): the failure this guards
            // against cannot happen there, so there is nothing to show.
            String charset = defaultCharsetUnder(env);
            assumeTrue(charset.matches("(?i)ANSI_X3.4-1968|US-ASCII"), "skipped: under LC_ALL=C this JDK's default "
                    + "charset is " + charset + ", not ASCII, so the locale cannot break signatures here");
            List<String> texts = List.of(
                    "Checkout is down 🔥🔥 since the deploy",
                    "決済サービスがタイムアウトしています",
                    "השרת לא מגיב",
                    "Zoë says: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP 🦊 & <tags> \"quotes\"",
                    "plain ASCII, last one before the crash");
            List<String> users = List.of(ALICE, BOB, ZOE, ZOE, ALICE);
            String channel;
            try (BotProcess process = BotProcess.start(env, dir.resolve("bot.log"), List.of("-Xmx256m"))) {
                int port = process.awaitListening(Duration.ofSeconds(60));
                SignedClient client = new SignedClient(port, RunningScribe.SECRET, Clock.systemUTC());
                channel = RunningScribe.startIncident(slack, client, ALICE, "Unicode survives a crash 💥");
                long t = System.currentTimeMillis() / 1000 - 60;
                List<String> acked = new ArrayList<>();
                for (int i = 0; i < texts.size(); i++) {
                    HttpResponse<String> ack = client.event(SlackPayloads.message(SlackPayloads.eventId(), channel,
                            users.get(i), SlackPayloads.ts(t + i, i + 1), null, texts.get(i)));
                    assertEquals(200, ack.statusCode(), "a signed UTF-8 body verifies under LC_ALL=C: " + ack.body());
                    acked.add(texts.get(i));
                }
                process.kill();
                assertEquals(texts, acked);
            }
            Map<String, String> restartEnv = RunningScribe.environment(slack, RunningScribe.h2Url(dir), Map.of());
            try (RunningScribe bot = RunningScribe.startWith(slack, restartEnv)) {
                RunningScribe.Reply close = bot.command(ALICE, channel, "close");
                assertEquals(200, close.ack().statusCode());
                String markdown = bot.awaitReport(1).contentAsUtf8();
                // Stored byte for byte as sent, whatever the charset of the JVM that took them.
                assertEquals(texts, storedBodies(restartEnv.get("SCRIBE_DB_URL")));
                // And in the Markdown as the renderer writes them: only < and > become entities there.
                List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
                assertEquals(texts.size(), transcript.size(), markdown);
                List<String> names = List.of("@Alice", "@Bob", "@Zoë 🦊", "@Zoë 🦊", "@Alice");
                for (int i = 0; i < texts.size(); i++) {
                    String rendered = texts.get(i).replace("<", "&lt;").replace(">", "&gt;");
                    assertTrue(transcript.get(i).endsWith(" **" + names.get(i) + "**: " + rendered),
                            "after kill -9, expected " + rendered + " in " + transcript.get(i));
                }
                assertTrue(markdown.startsWith("# Incident 1: Unicode survives a crash 💥"), markdown);
            }
        }
    }
}

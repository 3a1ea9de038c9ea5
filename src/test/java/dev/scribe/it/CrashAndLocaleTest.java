package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

    @Test
    void everyAcknowledgedMessageSurvivesKill9UnderTheCLocale() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(RunningScribe.TOKEN)) {
            RunningScribe.seed(slack);
            Map<String, String> env = new HashMap<>(RunningScribe.environment(slack, RunningScribe.h2Url(dir), Map.of()));
            env.put("LC_ALL", "C");
            assertTrue(defaultCharsetUnder(env).matches("(?i)ANSI_X3.4-1968|US-ASCII"),
                    "the premise: under LC_ALL=C a JVM's default charset is ASCII, not UTF-8");
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
                List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
                assertEquals(texts.size(), transcript.size(), markdown);
                for (String text : texts) {
                    String escaped = text.replace("&", "&").replace("<", "&lt;").replace(">", "&gt;");
                    assertTrue(markdown.contains(text) || markdown.contains(escaped), "missing after kill -9: " + text + "\n" + markdown);
                }
                assertTrue(markdown.startsWith("# Incident 1: Unicode survives a crash 💥"), markdown);
            }
        }
    }
}

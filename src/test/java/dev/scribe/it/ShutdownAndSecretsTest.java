package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM stops the bot cleanly with its work kept; no log line, in any outcome, carries a secret. */
class ShutdownAndSecretsTest {

    private static final String DB_USER = "scribe";
    private static final String DB_PASSWORD = "pw-Zebra-9931-secret";
    /** A password written into SCRIBE_DB_URL itself. */
    private static final String URL_PASSWORD = "pw-Url-7714-secret";

    @TempDir
    Path dir;

    @Test
    void sigtermMidPostKeepsTheReportAndLogsNoSecret() throws Exception {
        try (FakeSlackApi slack = RunningScribe.seededSlack()) {
            Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
            env.put("SCRIBE_DB_USER", DB_USER);
            env.put("SCRIBE_DB_PASSWORD", DB_PASSWORD);
            String channel;
            BotProcess process = BotProcess.start(env, dir.resolve("bot.log"), List.of("-Dfile.encoding=UTF-8"));
            try (process) {
                int port = process.awaitListening(Duration.ofSeconds(60));
                SignedClient client = new SignedClient(port, RunningScribe.SECRET, Clock.systemUTC());
                channel = RunningScribe.startIncident(slack, client, ALICE, "Graceful shutdown");
                assertEquals(200, client.event(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE,
                        SlackPayloads.ts(System.currentTimeMillis() / 1000, 1), null, "said before SIGTERM")).statusCode());
                // The summary post hangs for a while, so SIGTERM arrives while the report is being posted.
                slack.delayNext("chat.postMessage", Duration.ofSeconds(3));
                assertEquals(200, client.command(SlackPayloads.slashCommand(ALICE, channel, "close", slack.responseUrl("close")))
                        .statusCode());
                slack.await(() -> slack.callCount("chat.postMessage"), n -> n >= 2, RunningScribe.WAIT);
                int exit = process.terminate();
                // 128 + 15: the JVM ended by SIGTERM once its shutdown hook returned; not killed (137) after a
                // hook that hung, not an exit of its own (0, 1) that cut the hook short.
                assertEquals(143, exit, "stopped by SIGTERM through its shutdown hook: " + process.output());
            }
            String log = process.output();
            assertTrue(log.contains("Incident Scribe stopped"), log);
            assertFalse(log.contains("Database is already closed"), "the bot closes the database itself, last: " + log);
            assertFalse(log.contains("ERROR"), "a clean stop logs no error: " + log);
            assertNoSecrets(log);

            try (RunningScribe bot = RunningScribe.startWith(slack, env)) {
                String markdown = bot.awaitReport(1).contentAsUtf8();
                assertTrue(markdown.contains("said before SIGTERM"), markdown);
                bot.awaitOutboxEmpty();
                assertEquals(1, slack.topLevelMessages(channel).stream()
                        .filter(m -> m.text().startsWith("Incident 1 closed")).count(), slack.callSummary());
                assertEquals(1, slack.uploadedFiles().size());
            }
        }
    }

    @Test
    void startUpFailuresSayWhatIsWrongWithoutSecrets() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(RunningScribe.TOKEN)) {
            // A token Slack refuses: this fake accepts another one.
            Map<String, String> refused = new HashMap<>(RunningScribe.environment(slack, RunningScribe.h2Url(dir), Map.of()));
            refused.put("SLACK_BOT_TOKEN", "xoxb-revoked-token-5150");
            assertTrue(assertFailsWithoutSecrets(refused, "refused", 1, "xoxb-revoked-token-5150")
                    .contains("incident-scribe: could not start: Slack refused SLACK_BOT_TOKEN (invalid_auth)"));

            // A database that does not answer, with a password in the settings.
            Map<String, String> noDatabase = new HashMap<>(RunningScribe.environment(slack,
                    "jdbc:postgresql://127.0.0.1:1/scribe", Map.of()));
            noDatabase.put("SCRIBE_DB_USER", DB_USER);
            noDatabase.put("SCRIBE_DB_PASSWORD", DB_PASSWORD);
            assertFailsWithoutSecrets(noDatabase, "db", 1, DB_PASSWORD);

            // A password in the URL, which the driver quotes back: MariaDB's takes userinfo for a port.
            Map<String, String> userinfo = new HashMap<>(RunningScribe.environment(slack,
                    "jdbc:mariadb://" + DB_USER + ":" + URL_PASSWORD + "@127.0.0.1:1/scribe", Map.of()));
            assertFailsWithoutSecrets(userinfo, "userinfo", 1, URL_PASSWORD);

            // A malformed setting.
            Map<String, String> badPort = new HashMap<>(RunningScribe.environment(slack, RunningScribe.h2Url(dir), Map.of()));
            badPort.put("PORT", "eighty");
            assertFailsWithoutSecrets(badPort, "port", 2, RunningScribe.SECRET);
        }
    }

    @Test
    void aPasswordInTheDatabaseUrlIsMaskedInTheStartUpLog() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(RunningScribe.TOKEN)) {
            String url = RunningScribe.h2Url(dir) + ";USER=" + DB_USER + ";PASSWORD=" + URL_PASSWORD;
            BotProcess process = BotProcess.start(RunningScribe.environment(slack, url, Map.of()), dir.resolve("url.log"),
                    List.of("-Dfile.encoding=UTF-8"));
            try (process) {
                process.awaitListening(Duration.ofSeconds(60));
                process.terminate();
            }
            String log = process.output();
            assertTrue(log.contains(";USER=" + DB_USER + ";PASSWORD=***"), "the URL is shown, masked: " + log);
            assertNoSecrets(log);
        }
    }

    private String assertFailsWithoutSecrets(Map<String, String> env, String name, int expectedExit, String secret)
            throws Exception {
        try (BotProcess process = BotProcess.start(env, dir.resolve(name + ".log"), List.of("-Dfile.encoding=UTF-8"))) {
            int exit = process.awaitExit(Duration.ofSeconds(60));
            String log = process.output();
            assertEquals(expectedExit, exit, log);
            assertTrue(log.lines().anyMatch(l -> l.startsWith("incident-scribe: ")), log);
            assertFalse(log.contains("\tat "), "no stack trace: " + log);
            assertFalse(log.contains(secret), "the secret is not printed: " + log);
            assertNoSecrets(log);
            return log;
        }
    }

    private static void assertNoSecrets(String log) {
        for (String secret : List.of(RunningScribe.TOKEN, RunningScribe.SECRET, DB_PASSWORD, URL_PASSWORD)) {
            assertFalse(log.contains(secret), "a secret is in the log: " + secret + "\n" + log);
        }
    }
}

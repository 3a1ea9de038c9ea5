package dev.scribe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README promises of start-up, in a JVM of its own as an operator runs it: first-run help and exit 2 with
 * nothing set, {@code --help} and {@code --version}, and exit 1 with one line for an unsupported database URL and a
 * port in use.
 */
class StartUpTest {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run run(String name, Map<String, String> env, List<String> arguments) throws Exception {
        try (BotProcess process = BotProcess.start(env, dir.resolve(name + ".log"), List.of("-Dfile.encoding=UTF-8"),
                arguments)) {
            int exit = process.awaitExit(EXIT);
            return new Run(exit, process.output());
        }
    }

    @Test
    void withNothingSetItExplainsHowToSetUpAndExits2() throws Exception {
        Run run = run("first", Map.of(), List.of());
        assertEquals(2, run.exit(), run.output());
        assertTrue(run.output().startsWith("Incident Scribe needs a Slack app to talk to, and none is configured yet."),
                run.output());
        assertTrue(run.output().contains("SLACK_BOT_TOKEN") && run.output().contains("manifest.yml"), run.output());
        assertFalse(run.output().contains("\tat "), run.output());
    }

    @Test
    void helpPrintsTheSettingsAndVersionTheVersionBothExit0() throws Exception {
        Run help = run("help", Map.of(), List.of("--help"));
        assertEquals(0, help.exit(), help.output());
        for (String setting : List.of("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "PORT", "SCRIBE_DB_URL",
                "SCRIBE_TIMEZONE", "SCRIBE_CHANNEL_MODE", "SCRIBE_RETRO_CHANNEL", "SCRIBE_REACTIONS")) {
            assertTrue(help.output().contains(setting), setting + " in\n" + help.output());
        }
        Run version = run("version", Map.of(), List.of("--version"));
        assertEquals(0, version.exit(), version.output());
        assertTrue(version.output().strip().matches("incident-scribe \\S+"), version.output());
    }

    @Test
    void anUnsupportedDatabaseUrlIsOneLineAndExit1() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(RunningScribe.TOKEN)) {
            Run run = run("db", RunningScribe.environment(slack, "jdbc:sqlite:/tmp/scribe.db", Map.of()), List.of());
            assertEquals(1, run.exit(), run.output());
            assertTrue(run.output().lines().anyMatch(l -> l.equals("incident-scribe: could not start: SCRIBE_DB_URL must "
                    + "start with jdbc:h2:, jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:")), run.output());
            assertFalse(run.output().contains("\tat "), run.output());
        }
    }

    @Test
    void aPortInUseIsOneLineAndExit1() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(RunningScribe.TOKEN);
             ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = RunningScribe.childEnvironment(slack, dir);
            env.put("PORT", String.valueOf(taken.getLocalPort()));
            Run run = run("port", env, List.of());
            assertEquals(1, run.exit(), run.output());
            assertTrue(run.output().lines().anyMatch(l -> l.startsWith("incident-scribe: could not start: ")), run.output());
            assertFalse(run.output().contains("\tat "), run.output());
        }
    }
}

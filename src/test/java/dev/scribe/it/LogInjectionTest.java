package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nobody can write the bot's log: user-controlled text (a mention with a line break and terminal escapes inside, a
 * payload Gson quotes back in its error, a body Bolt does not recognise) reaches the log escaped, on one line, or not
 * at all; and an id that is not shaped like a Slack id is never looked up with Slack.
 */
class LogInjectionTest {

    static final String FORGED = "[main] ERROR dev.scribe.Scribe - forged";
    static final String TERMINAL_CLEAR = "\u001b[2J";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void userTextNeverForgesALogLineNorReachesTheTerminalRaw() throws Exception {
        java.util.List<String> lookedUp;
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        // slf4j-simple writes to whatever System.err is at the time of each log call.
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        // Started here, so that its start-up is logged into what is captured; closed in here, so is its shutdown.
        try (RunningScribe bot = scribe.bot()) {
            String channel = bot.startIncident(ALICE, "Log drill");
            long now = Instant.now().getEpochSecond();
            bot.say(channel, BOB, SlackPayloads.ts(now, 1), null,
                    "ping <@UFAKE\n" + FORGED + " " + TERMINAL_CLEAR + "> please");
            // A payload whose shape Gson refuses, quoting the offending key back in its message.
            String badShape = "{\"type\":\"event_callback\",\"team_id\":\"T0\",\"api_app_id\":\"A0\",\"event_id\":\"Ev9\","
                    + "\"event\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"U02BOB\","
                    + "\"ts\":{\"x\\n" + FORGED + " \\u001b[2J\":1}}}";
            int status = bot.http().event(badShape).statusCode();
            assertTrue(status == 400 || status == 200, "refused or ignored, never a 5xx: " + status);
            // A body of no kind Bolt knows: Bolt would log it whole.
            assertEquals(400, bot.http().event("{\"type\":\"nothing\\n" + FORGED + "\"}").statusCode());
            bot.command(ALICE, channel, "close");
            bot.awaitReport(1);
            lookedUp = bot.slack.calls("users.info").stream().map(c -> c.param("user")).toList();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        original.print(log); // keep it in the test's output
        for (String line : log.split("\n")) {
            assertFalse(line.startsWith(FORGED) || line.startsWith("[main] ERROR dev.scribe.Scribe - forged"),
                    "a forged log line: " + line);
        }
        assertFalse(log.contains("\u001b"), "an escape sequence reached the log");
        assertTrue(lookedUp.stream().allMatch(id -> id.matches("[A-Z][A-Z0-9]+")),
                "only Slack-shaped ids are looked up with Slack: " + lookedUp);
    }
}

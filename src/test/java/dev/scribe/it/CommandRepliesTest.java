package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What people read back from {@code /incident}: the help, a closed incident's channel, a long timeline. */
class CommandRepliesTest {

    /** What Slack reads as markup: a mention, a channel, a date, a special word or a link. */
    private static final Pattern ANGLE = Pattern.compile("<[^>]*>?");
    private static final Pattern SLACK_TOKEN = Pattern.compile("<(?:@U[A-Z0-9]+|#C[A-Z0-9]+|!date\\^[^>]+|https?://[^>]+)>");

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    private static String ackText(RunningScribe.Reply reply) {
        return JsonParser.parseString(reply.ack().body()).getAsJsonObject().get("text").getAsString();
    }

    @Test
    void helpIsEscapedLikeEveryOtherReplySoSlackShowsThePlaceholders() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_REACTIONS", "stopwatch=key"), Clock.systemUTC());
        for (String command : List.of("help", "", "frobnicate")) {
            String text = ackText(bot.command(ALICE, OPS, command));
            assertTrue(text.contains("`/incident start [sev1-sev4] &lt;title&gt;`"), text);
            assertTrue(text.contains("`/incident at &lt;HH:MM | YYYY-MM-DD HH:MM&gt; [zone] [:emoji:] &lt;text&gt;`"), text);
            Matcher m = ANGLE.matcher(text);
            while (m.find()) {
                assertTrue(SLACK_TOKEN.matcher(m.group()).matches(), "Slack would read " + m.group() + " as markup: " + text);
            }
            assertTrue(text.contains(":stopwatch: key event"), "the legend is the table in force: " + text);
        }
    }

    @Test
    void aCommandInAClosedIncidentsChannelSaysItIsClosedAndCanBeReopened(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Payments queue backlog");
        bot.command(ALICE, channel, "close");
        bot.awaitReport(1);
        RunningScribe.Reply note = bot.command(ALICE, channel, "note one more thing");
        note.assertEphemeral("Incident 1 (Payments queue backlog) is closed. Run `/incident reopen` to record in it again");
        bot.command(ALICE, channel, "reopen").assertInChannel("reopened *incident 1*");
        bot.command(ALICE, channel, "note one more thing").assertInChannel("Note added");
    }

    @Test
    void theTimelineOfALongIncidentShowsItsNewestPartsAndSaysWhatWasLeftOut(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "A long night");
        String words = "the consumer lag grew again after the restart of the second pool ";
        for (int i = 0; i < 260; i++) {
            assertEquals(200, bot.command(ALICE, channel, "note " + i + " " + words.repeat(5)).ack().statusCode());
        }
        RunningScribe.Reply reply = bot.command(ALICE, channel, "timeline");
        List<ResponseUrlPost> answers = bot.awaitAnswers(reply, 5);
        String notice = answers.get(0).text();
        Matcher total = Pattern.compile("has (\\d+) parts").matcher(notice);
        assertTrue(total.find(), notice);
        int parts = Integer.parseInt(total.group(1));
        assertTrue(parts > 5, notice);
        assertTrue(notice.contains("here are the newest 4 (parts " + (parts - 3) + " to " + parts + ")"), notice);
        assertTrue(notice.contains("Left out: parts 1 to " + (parts - 4) + ", everything before "), notice);
        for (int i = 1; i < 5; i++) {
            assertEquals("Timeline of incident 1 (part " + (parts - 4 + i) + " of " + parts + ")", answers.get(i).text());
        }
        assertTrue(answers.get(4).json().contains(": 259 the consumer"), "the newest entry is shown");
        assertFalse(answers.stream().anyMatch(a -> a.json().contains(": 0 the consumer")), "the oldest is what is left out");
    }

    @Test
    void slackSpellingItRateLimitedIsExplainedAsTheRateLimitItIs(RunningScribe bot) throws Exception {
        bot.slack.failNext("chat.postMessage", "rate_limited");
        RunningScribe.Reply start = bot.command(ALICE, OPS, "start Rate limited header");
        String answer = bot.awaitAnswers(start, 1).get(0).text();
        assertTrue(answer.contains("Slack is rate-limiting me right now (`chat.postMessage`)"), answer);
    }
}

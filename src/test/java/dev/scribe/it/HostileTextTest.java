package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.report.PostmortemRenderer;
import dev.scribe.testing.FakeSlackApi.ApiCall;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * User text as Slack sends it (mentions and broadcasts in markup, {@code & < >} as entities, line breaks and
 * control characters) going in through commands and messages and out to every field the bot sends to Slack and
 * to the RCA Markdown: nothing pings, nothing is escaped twice, nothing forges a part of the report.
 */
class HostileTextTest {

    private static final String RETRO = "C0RETRO";
    /** What Slack sends for "@here R&D <db> down @bob @oncall". */
    private static final String TITLE = "<!here> R&amp;D &lt;db&gt; down <@" + BOB + "|bob> <!subteam^S0ONCALL|@oncall>";
    private static final String SHOWN_TITLE = "@here R&amp;D &lt;db&gt; down @bob @oncall";
    private static final List<String> PINGS = List.of("<!here", "<!channel", "<!everyone", "<!subteam", "<@" + BOB);
    private static final List<String> TWICE = List.of("&amp;amp;", "&amp;lt;", "&amp;gt;");

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    final List<RunningScribe.Reply> replies = new ArrayList<>();

    @Test
    void broadcastsAndMentionsInUserTextPingNobodyAndAreEscapedExactlyOnceInEveryField() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_RETRO_CHANNEL", RETRO), Clock.systemUTC());
        bot.slack.addChannel(RETRO, "retro");

        RunningScribe.Reply start = command(bot, ALICE, OPS, "start " + TITLE);
        start.assertEphemeral("*" + SHOWN_TITLE + "*");
        String channel = bot.slack.await(bot::incidentChannels, c -> !c.isEmpty(), WAIT).get(0).id();
        String announcement = bot.awaitAnnouncement(OPS, channel).text();
        assertTrue(announcement.contains("*incident 1*: " + SHOWN_TITLE + " (SEV3)"), announcement);
        String headerTs = bot.slack.await(() -> bot.slack.pinned(channel), p -> !p.isEmpty(), WAIT).get(0);
        assertEquals("Incident 1: " + SHOWN_TITLE, bot.slack.message(channel, headerTs).orElseThrow().text());

        command(bot, ALICE, channel, "note <!channel> told R&amp;D &lt;db&gt; <@" + BOB + "|bob>")
                .assertInChannel("@channel told R&amp;D &lt;db&gt; @bob");
        command(bot, ALICE, channel, "action page <!everyone> about R&amp;D").assertInChannel("page @everyone about R&amp;D");
        command(bot, ALICE, channel, "status identified");
        bot.slack.await(() -> bot.slack.message(channel, headerTs).orElseThrow().blocksJson(), b -> b.contains("*Status*\\nIdentified"), WAIT);
        assertEquals("Incident 1: " + SHOWN_TITLE, bot.slack.message(channel, headerTs).orElseThrow().text(),
                "the updated header's text");
        command(bot, ALICE, OPS, "list").assertEphemeral(SHOWN_TITLE);
        command(bot, ALICE, channel, "frobn&amp;icate").assertEphemeral("I don't know `frobn&amp;icate`");
        command(bot, ALICE, channel, "status R&amp;D").assertEphemeral("`R&amp;D` is not a status");

        command(bot, ALICE, channel, "close <!here> fixed R&amp;D").assertInChannel(": @here fixed R&amp;D.");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        PostedMessage retro = bot.slack.await(() -> bot.slack.topLevelMessages(RETRO), m -> !m.isEmpty(), WAIT).get(0);
        assertTrue(retro.text().startsWith("Incident 1 closed: " + SHOWN_TITLE), retro.text());
        assertTrue(retro.blocksJson().contains("@here fixed R\\u0026amp;D") || retro.blocksJson().contains("@here fixed R&amp;D"),
                retro.blocksJson());
        command(bot, RunningScribe.ZOE, channel, "reopen").assertInChannel("*incident 1*: " + SHOWN_TITLE + ". Recording again.");
        bot.awaitOutboxEmpty();

        assertTrue(markdown.startsWith("# Incident 1: @here R&D &lt;db&gt; down @bob @oncall\n"), markdown);
        assertTrue(markdown.contains("| Resolution | @here fixed R&D |"), markdown);
        assertFalse(markdown.contains("&amp;"), markdown);

        // Every field of every call to Slack, every ack and every response_url body.
        assertFalse(bot.slack.calls().isEmpty());
        for (ApiCall call : bot.slack.calls()) {
            call.params().forEach((name, value) -> assertInert(call.method() + " " + name, value));
        }
        for (RunningScribe.Reply reply : replies) {
            assertInert("ack", reply.ack().body());
            for (ResponseUrlPost post : bot.slack.responseUrlPosts(reply.responseId())) {
                assertInert("response_url", post.json());
            }
        }
        for (UploadedFile file : bot.slack.uploadedFiles()) {
            assertInert("file title", file.title());
            assertInert("file", file.contentAsUtf8());
        }
    }

    @Test
    void lineBreaksAndControlCharactersForgeNoPartOfTheReport(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "T\n## Impact\nforged\r### 2020-01-01");
        long t = System.currentTimeMillis() / 1000 - 300;
        String lone = SlackPayloads.ts(t, 1);
        bot.say(channel, ALICE, lone, null, "checking\r## Forged heading\r| 10:00 | Note | @x | forged row |");
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), BOB, "pushpin", channel, lone));
        String well = SlackPayloads.ts(t + 10, 2);
        bot.say(channel, BOB, well, null, "## Forged well\u2028> quoted\u2029- item\n1. one\n---\n```\n    code");
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "sparkles", channel, well));
        String controls = SlackPayloads.ts(t + 20, 3);
        bot.say(channel, BOB, controls, null, "esc\u001b[2J nul\u0000 rtl\u202Eevil zw\u200Bsp "
                + "<javascript://%0aalert(1)|click me> [typed](javascript:alert(1)) <https://ok.example/a|fine>");
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "pushpin", channel, controls));
        command(bot, ALICE, channel, "note fine\r## Forged note\r\u2028| 10:01 | Note | @y | forged |");
        command(bot, ALICE, channel, "action fix it\r## Forged action");
        command(bot, ALICE, channel, "close done\r## Forged resolution\u0085### 2020-01-02");
        String markdown = bot.awaitReport(1).contentAsUtf8();

        assertTrue(markdown.startsWith("# Incident 1: T ## Impact forged ### 2020-01-01\n\n"), markdown);
        assertEquals(PostmortemRenderer.HEADINGS, IncidentFlowTest.headings(markdown), markdown);
        for (String line : markdown.split("\n", -1)) {
            assertFalse(line.contains("\r") || line.contains("\u2028") || line.contains("\u2029") || line.contains("\u0085"), line);
            if (line.startsWith("#")) {
                assertTrue(line.startsWith("# Incident 1: ") || line.startsWith("## ") && !line.contains("Forged")
                        || line.matches("### \\d{4}-\\d{2}-\\d{2}") && !line.startsWith("### 2020"), "a forged heading: " + line);
            }
            if (line.startsWith("|")) {
                assertFalse(line.contains("forged row") && !line.contains("\\| 10:00"), "a forged row: " + line);
            }
            if (line.startsWith("  ")) {
                assertFalse(Pattern.compile("^\\s*(#{1,6}\\s|[-*+]\\s|\\d+[.)]\\s|>|\\||`{3}|-{2,}\\s*$|<)").matcher(line).find(),
                        "user text starts a block: " + line);
            }
        }
        String timeline = IncidentReplayTest.section(markdown, "Timeline");
        assertTrue(timeline.contains("| Key event | @Alice | checking<br>## Forged heading<br>\\| 10:00 \\| Note \\| @x \\| forged row \\|"),
                timeline);
        assertTrue(timeline.contains("| Note | @Alice | fine<br>## Forged note<br><br>\\| 10:01"), timeline);
        assertTrue(IncidentReplayTest.section(markdown, "What went well").startsWith("- \\## Forged well\n  &gt; quoted\n  \\- item\n"
                + "  1\\. one\n  \\---\n  \\```\n  code (@Bob)"), markdown);
        assertTrue(markdown.contains("| done<br>## Forged resolution<br>### 2020-01-02 |"), markdown);

        for (String invisible : List.of("\u001b", "\u0000", "\u202E", "\u200B")) {
            assertFalse(markdown.contains(invisible), "U+" + Integer.toHexString(invisible.charAt(0)) + " in the Markdown");
        }
        assertTrue(markdown.contains("esc\\[2J nul rtlevil zwsp"), markdown);
        assertFalse(Pattern.compile("(?<!\\\\)]\\(javascript").matcher(markdown).find(), "a javascript: link in " + markdown);
        assertTrue(markdown.contains("click me (javascript://%0aalert(1)) \\[typed\\](javascript:alert(1)) [fine](https://ok.example/a)"),
                markdown);

        List<PostedMessage> thread = bot.slack.await(() -> bot.slack.messages(channel).stream()
                .filter(m -> m.text().startsWith("Timeline of incident 1")).toList(), m -> !m.isEmpty(), WAIT);
        String blocks = String.join("\n", thread.stream().map(PostedMessage::blocksJson).toList());
        for (String invisible : List.of("\\u001b", "\\u0000", "\u202E", "\\u202e", "\u200B", "\\u200b")) {
            assertFalse(blocks.toLowerCase().contains(invisible.toLowerCase()), invisible + " in " + blocks);
        }
        assertFalse(blocks.contains("javascript://%0aalert(1)|"), blocks);
        assertTrue(blocks.contains("click me (javascript://%0aalert(1))"), blocks);
    }

    @Test
    void anEditWithoutATextKeepsTheTextTheMessageHad(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Edits");
        String ts = SlackPayloads.ts(System.currentTimeMillis() / 1000 - 60, 1);
        bot.say(channel, BOB, ts, null, "the original words");
        JsonObject edit = JsonParser.parseString(SlackPayloads.messageChanged(SlackPayloads.eventId(), channel, BOB, ts,
                "the original words", "unused")).getAsJsonObject();
        edit.getAsJsonObject("event").getAsJsonObject("message").remove("text");
        bot.event(edit.toString());
        command(bot, ALICE, channel, "close");
        String transcript = IncidentReplayTest.section(bot.awaitReport(1).contentAsUtf8(), "Transcript");
        assertTrue(transcript.contains("**@Bob**: the original words"), transcript);
    }

    private RunningScribe.Reply command(RunningScribe bot, String user, String channel, String text) {
        RunningScribe.Reply reply = bot.command(user, channel, text);
        assertEquals(200, reply.ack().statusCode(), reply.ack().body());
        replies.add(reply);
        return reply;
    }

    /** No raw broadcast or mention of Bob (named only in user text), no entity escaped twice: JSON read as strings. */
    private static void assertInert(String where, String sent) {
        if (sent == null) {
            return;
        }
        List<String> strings = new ArrayList<>();
        String trimmed = sent.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            try {
                collect(JsonParser.parseString(trimmed), strings);
            } catch (RuntimeException notJson) {
                strings.add(sent);
            }
        } else {
            strings.add(sent);
        }
        for (String s : strings) {
            for (String raw : PINGS) {
                assertFalse(s.contains(raw), where + " carries " + raw + ": " + s);
            }
            for (String twice : TWICE) {
                assertFalse(s.contains(twice), where + " escapes twice: " + s);
            }
        }
    }

    private static void collect(JsonElement e, List<String> out) {
        if (e.isJsonPrimitive()) {
            out.add(e.getAsString());
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> collect(x, out));
        } else if (e.isJsonObject()) {
            e.getAsJsonObject().entrySet().forEach(x -> collect(x.getValue(), out));
        }
    }
}

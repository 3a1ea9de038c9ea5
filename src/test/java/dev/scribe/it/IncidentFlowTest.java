package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.report.PostmortemRenderer;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import dev.scribe.testing.FakeSlackApi.ResponseUrlPost;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole loop over real HTTP: start, talk (threads, retries, other bots), close, the posted report. */
class IncidentFlowTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void startTalkAndCloseProducesSummaryThreadAndMarkdown(RunningScribe bot) {
        // The date is read on either side of the command: run across midnight, the bot may have named the channel
        // for either day, and both are right.
        String dayBefore = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        String channel = bot.startIncident(ALICE, "sev2 Checkout errors 🔥 for EU users");
        String dayAfter = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        String name = bot.slack.channels().stream().filter(c -> c.id().equals(channel)).findFirst().orElseThrow().name();
        assertTrue(name.equals("inc-" + dayBefore + "-checkout-errors-for-eu-users")
                || name.equals("inc-" + dayAfter + "-checkout-errors-for-eu-users"), name);
        assertTrue(bot.slack.members(channel).contains(ALICE), "the person who started it is invited");
        assertEquals(1, bot.slack.pinned(channel).size(), "the header is pinned");
        // Announced in #ops by a message of the bot's own (one it can update), not by the command's answer.
        String announcement = bot.awaitAnnouncement(OPS, channel).text();
        assertTrue(announcement.contains("opened *incident 1*: Checkout errors 🔥 for EU users (SEV2) in <#" + channel + ">"),
                announcement);
        assertTrue(bot.slack.responseUrlPosts(lastCommandId()).isEmpty(), "announced once");

        long t0 = System.currentTimeMillis() / 1000 - 600;
        String first = SlackPayloads.ts(t0, 1);
        bot.say(channel, ALICE, first, null, "Checkout returns 502 for EU users <!channel>");
        bot.say(channel, BOB, SlackPayloads.ts(t0 + 60, 2), first, "Looking at the payment gateway logs");
        bot.say(channel, ZOE, SlackPayloads.ts(t0 + 120, 3), first, "Gateway timeouts since the 10:02 deploy 😬 & <rising>");
        // A retry of an acknowledged event, and the same message under another event id: neither is a new entry.
        String repeated = SlackPayloads.message("EvRETRY1", channel, BOB, SlackPayloads.ts(t0 + 180, 4), null,
                "Rolling back the deploy now");
        assertEquals(200, bot.http().event(repeated).statusCode());
        assertEquals(200, bot.http().retry(repeated, 1).statusCode());
        bot.event(SlackPayloads.message("EvOTHERID", channel, BOB, SlackPayloads.ts(t0 + 180, 4), null,
                "Rolling back the deploy now"));
        bot.event(SlackPayloads.botMessage(SlackPayloads.eventId(), channel, "B0GRAFANA", SlackPayloads.ts(t0 + 200, 5),
                "[ALERT] checkout 5xx above 5%"));
        bot.event(SlackPayloads.join(SlackPayloads.eventId(), channel, ZOE, SlackPayloads.ts(t0 + 210, 6)));
        // The bot's own user, without a bot id: left out over HTTP too, where messages do not go through Bolt.
        bot.say(channel, dev.scribe.testing.FakeSlackApi.BOT_USER_ID, SlackPayloads.ts(t0 + 215, 9), null,
                "Incident Scribe's own words");
        bot.say(OPS, ALICE, SlackPayloads.ts(t0 + 220, 7), null, "unrelated chatter in #ops");
        bot.say(channel, ALICE, SlackPayloads.ts(t0 + 240, 8), null, "Error rate back to normal");

        RunningScribe.Reply close = bot.command(ALICE, channel, "close rolled back v2.41");
        assertEquals(200, close.ack().statusCode());
        assertTrue(close.ack().body().contains("closed *incident 1*"), close.ack().body());

        String markdown = bot.awaitReport(1).contentAsUtf8();
        PostedMessage summary = bot.slack.await(() -> summaries(bot, channel), s -> !s.isEmpty(), WAIT).get(0);
        assertTrue(summary.text().startsWith("Incident 1 closed: Checkout errors 🔥 for EU users"), summary.text());
        assertTrue(summary.blocksJson().contains("Duration"), summary.blocksJson());
        assertTrue(summary.blocksJson().contains("5 messages"), summary.blocksJson());
        List<PostedMessage> thread = bot.slack.await(() -> bot.slack.threadReplies(channel, summary.ts()),
                replies -> !replies.isEmpty(), WAIT);
        assertTrue(thread.get(0).text().startsWith("Timeline of incident 1"), thread.get(0).text());
        assertEquals(bot.slack.uploadedFiles().get(0).threadTs(), summary.ts(), "the Markdown is attached in the thread");

        assertEquals(PostmortemRenderer.HEADINGS, headings(markdown), "exactly the product's headings, in order");
        List<String> transcript = transcriptLines(markdown);
        assertEquals(5, transcript.size(), String.join("\n", transcript));
        assertTrue(transcript.get(0).contains("**@Alice**: Checkout returns 502 for EU users @channel"), transcript.get(0));
        assertTrue(transcript.get(1).contains("**@Bob** (in thread): Looking at the payment gateway logs"));
        assertTrue(transcript.get(2).contains("**@Zoë 🦊** (in thread): Gateway timeouts since the 10:02 deploy 😬 &"));
        assertTrue(transcript.get(3).contains("Rolling back the deploy now"));
        assertTrue(transcript.get(4).contains("Error rate back to normal"));
        assertFalse(markdown.contains("ALERT"), "other bots are not recorded");
        assertFalse(markdown.contains("unrelated chatter"), "other channels are not recorded");
        assertFalse(markdown.contains("has joined"), "joins are not recorded");
        assertTrue(markdown.contains("rolled back v2.41"), "the resolution is in the report");
        for (String raw : List.of("<!channel>", "<!here>", "<!everyone>")) {
            assertFalse(markdown.contains(raw), raw);
            bot.slack.messages(channel).forEach(m -> assertFalse(m.blocksJson() != null && m.blocksJson().contains(raw), raw));
        }
    }

    @Test
    void commandsWithBadInputAnswerOnlyTheCaller(RunningScribe bot) throws Exception {
        Map<String, Long> before = bot.tableCounts();
        bot.command(ALICE, OPS, "frobnicate now").assertEphemeral("I don't know `frobnicate`");
        bot.command(ALICE, OPS, "note hello").assertEphemeral("There is no open incident in this channel");
        bot.command(ALICE, OPS, "close").assertEphemeral("There is no open incident in this channel");
        // No title: the declare form, nothing recorded until it is submitted.
        assertEquals(200, bot.command(ALICE, OPS, "start").ack().statusCode());
        assertEquals(1, bot.slack.modals(dev.scribe.slack.view.DeclareModal.CALLBACK_ID).size());
        bot.command(ALICE, OPS, "start " + "x".repeat(101)).assertEphemeral("100");
        bot.command(ALICE, OPS, "help").assertEphemeral("/incident start");
        assertEquals(before, bot.tableCounts(), "bad commands record nothing");

        String channel = bot.startIncident(ALICE, "Search is slow");
        bot.command(BOB, channel, "start Search is slow again").assertEphemeral("already open in this channel");
        assertEquals(1, bot.incidentChannels().size());
    }

    @Test
    void nameTakenGetsASuffixAndAFailedCreateFallsBackToTheChannel(RunningScribe bot) {
        String first = bot.startIncident(ALICE, "Queue backlog");
        bot.command(ALICE, first, "close");
        String second = bot.startIncident(BOB, "Queue backlog");
        String firstName = channelName(bot, first);
        String secondName = channelName(bot, second);
        assertTrue(secondName.startsWith(firstName + "-"), firstName + " then " + secondName);

        bot.slack.denyChannelCreation("restricted_action");
        RunningScribe.Reply reply = bot.command(ZOE, OPS, "start Disk full on db-3");
        assertEquals(200, reply.ack().statusCode());
        List<ResponseUrlPost> answers = bot.awaitAnswers(reply, 1);
        assertTrue(answers.get(0).text().contains("restricted_action"), answers.get(0).text());
        assertEquals("in_channel", answers.get(0).responseType());
        bot.say(OPS, ZOE, SlackPayloads.ts(System.currentTimeMillis() / 1000, 1), null, "db-3 at 100% disk");
        RunningScribe.Reply close = bot.command(ZOE, OPS, "close");
        assertTrue(close.ack().body().contains("closed *incident 3*"), close.ack().body());
        assertTrue(bot.awaitReport(3).contentAsUtf8().contains("db-3 at 100% disk"));
    }

    @Test
    void unhandledEventTypesAreAcknowledged(RunningScribe bot) {
        HttpResponse<String> response = bot.http().event(SlackPayloads.unhandled(SlackPayloads.eventId(), "team_join"));
        assertEquals(200, response.statusCode(), response.body());
        HttpResponse<String> emojiChanged = bot.http().event(SlackPayloads.unhandled(SlackPayloads.eventId(), "emoji_changed"));
        assertEquals(200, emojiChanged.statusCode(), emojiChanged.body());
    }

    @Test
    void hereModeRecordsTheCurrentChannel() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_CHANNEL_MODE", "here"), Clock.systemUTC());
        RunningScribe.Reply reply = bot.command(ALICE, OPS, "start sev1 Login outage");
        assertTrue(reply.ack().body().contains("Everything said here is now recorded"), reply.ack().body());
        assertTrue(bot.incidentChannels().isEmpty(), "no channel is created in here mode");
        bot.say(OPS, BOB, SlackPayloads.ts(System.currentTimeMillis() / 1000, 1), null, "SSO provider is down");
        bot.command(ALICE, OPS, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        assertTrue(markdown.contains("SSO provider is down"));
        assertTrue(markdown.contains("SEV1"), markdown);
    }

    private static String channelName(RunningScribe bot, String id) {
        return bot.slack.channels().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().name();
    }

    private String lastCommandId() {
        // startIncident is the only command so far in the first test
        return "cmd-1";
    }

    private static List<PostedMessage> summaries(RunningScribe bot, String channel) {
        return bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().startsWith("Incident 1 closed")).toList();
    }

    static List<String> headings(String markdown) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## (.+)$").matcher(markdown);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static List<String> transcriptLines(String markdown) {
        String transcript = markdown.substring(markdown.indexOf("## Transcript"));
        return transcript.lines().filter(l -> l.startsWith("- ")).toList();
    }
}

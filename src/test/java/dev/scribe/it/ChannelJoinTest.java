package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.UploadedFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's promise that the bot joins a public channel by itself: {@code /incident start} in a public channel
 * the bot is not a member of (Slack refuses its post there with {@code not_in_channel}) joins it with
 * {@code conversations.join}, then posts and pins the header, and the incident is recorded and reported there.
 */
class ChannelJoinTest {

    private static final String PAYMENTS = "C0PAYMENTS";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_CHANNEL_MODE", "here"));

    @Test
    void startInAPublicChannelTheBotIsNotInJoinsItThenPostsAndPinsTheHeader(RunningScribe bot) {
        bot.slack.addChannel(PAYMENTS, "payments", false);
        bot.slack.addMember(PAYMENTS, ALICE);
        bot.slack.addMember(PAYMENTS, BOB);
        assertFalse(bot.slack.members(PAYMENTS).contains(FakeSlackApi.BOT_USER_ID), "the bot starts outside the channel");

        RunningScribe.Reply start = bot.command(ALICE, PAYMENTS, "start sev2 Card payments stuck");
        assertEquals(200, start.ack().statusCode(), start.ack().body());
        List<String> pins = bot.slack.await(() -> bot.slack.pinned(PAYMENTS), p -> !p.isEmpty(), WAIT);

        assertTrue(bot.slack.members(PAYMENTS).contains(FakeSlackApi.BOT_USER_ID), "the bot joined: " + bot.slack.callSummary());
        assertEquals(1, bot.slack.calls("conversations.join").size(), bot.slack.callSummary());
        assertEquals(PAYMENTS, bot.slack.calls("conversations.join").get(0).param("channel"));
        assertTrue(bot.slack.callSummary().contains("chat.postMessage→not_in_channel, conversations.join→ok, chat.postMessage→ok"),
                "refused, joined, posted: " + bot.slack.callSummary());
        assertEquals("Incident 1: Card payments stuck", bot.slack.message(PAYMENTS, pins.get(0)).orElseThrow().text());
        assertTrue(start.ack().body().contains("Everything said here is now recorded"), start.ack().body());
        assertFalse(start.ack().body().contains("not a member"), "nobody is asked to invite the bot: " + start.ack().body());

        // Now a member, it records the channel and posts the report there, with no second join.
        bot.say(PAYMENTS, BOB, SlackPayloads.ts(System.currentTimeMillis() / 1000, 1), null, "settlement consumer is stuck");
        bot.command(ALICE, PAYMENTS, "close");
        UploadedFile report = bot.awaitReport(1);
        assertEquals(PAYMENTS, report.channelId());
        assertTrue(report.contentAsUtf8().contains("settlement consumer is stuck"), report.contentAsUtf8());
        assertEquals(1, bot.slack.calls("conversations.join").size(), bot.slack.callSummary());
    }
}

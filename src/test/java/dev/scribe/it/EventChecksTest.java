package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reactions, edits and deletions are checked as messages are: a channel, user or ts that is malformed, or a ts no
 * Slack message can have (before 2013, or more than a day ahead of the bot's clock), changes nothing; and "now" is the
 * bot's clock, not the machine's.
 */
class EventChecksTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void aReactionOnATimeNoMessageCanHaveMarksNothingAddedOrRemoved(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Reactions on bad times");
        long now = System.currentTimeMillis() / 1000;
        String real = SlackPayloads.ts(now - 60, 1);
        bot.say(channel, BOB, real, null, "the real message");
        long marksBefore = bot.tableCounts().get("MARKS");

        // Shaped like a ts, but from 1970 and from 2286: what a forged or corrupted event carries.
        for (String bad : List.of("1.000001", "9999999999.000001")) {
            bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "rotating_light", channel, bad));
        }
        assertEquals(marksBefore, bot.tableCounts().get("MARKS"), "a reaction on a time no message has is not stored");

        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "rotating_light", channel, real));
        assertEquals(marksBefore + 1, bot.tableCounts().get("MARKS"), "a reaction on the real message is stored");
        // The removal is held to the same check: a malformed channel, user or ts does not take the mark away.
        bot.event(SlackPayloads.reactionRemoved(SlackPayloads.eventId(), ALICE, "rotating_light", "c0-not-an-id", real));
        bot.event(SlackPayloads.reactionRemoved(SlackPayloads.eventId(), "u-not-an-id", "rotating_light", channel, real));
        bot.event(SlackPayloads.reactionRemoved(SlackPayloads.eventId(), ALICE, "rotating_light", channel, real + "x"));
        assertEquals(marksBefore + 1, bot.tableCounts().get("MARKS"));
        bot.event(SlackPayloads.reactionRemoved(SlackPayloads.eventId(), ALICE, "rotating_light", channel, real));
        assertEquals(marksBefore, bot.tableCounts().get("MARKS"), "a well-formed removal is");
    }

    @Test
    void anEditTimeNoSlackEventCanHaveIsNotTheTimeOfTheEdit(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Edits at bad times");
        Instant before = Instant.now();
        String ts = SlackPayloads.ts(before.getEpochSecond() - 60, 1);
        bot.say(channel, BOB, ts, null, "first words");
        for (String badEditTime : List.of("1.000000", "9999999999.000000")) {
            JsonObject edit = JsonParser.parseString(SlackPayloads.messageChanged(SlackPayloads.eventId(), channel, BOB,
                    ts, "first words", "words at " + badEditTime)).getAsJsonObject();
            edit.getAsJsonObject("event").getAsJsonObject("message").getAsJsonObject("edited")
                    .addProperty("ts", badEditTime);
            bot.event(edit.toString());
        }
        List<Instant> edits = editTimes(bot, ts);
        assertEquals(2, edits.size(), edits.toString());
        for (Instant editedAt : edits) {
            // The event's own time (now) is taken instead.
            assertWithin(Duration.ofMinutes(2), Instant.now(), editedAt);
        }
    }

    @Test
    void anEditThatNamesNoTimeIsDatedByTheBotsClock() throws Exception {
        MovableClock clock = new MovableClock();
        Instant thatDay = Instant.now().minus(Duration.ofDays(3));
        clock.set(thatDay);
        RunningScribe bot = scribe.start(Map.of(), clock);
        String channel = bot.startIncident(ALICE, "Replayed edits");
        String ts = SlackPayloads.ts(thatDay.getEpochSecond() - 60, 1);
        bot.say(channel, BOB, ts, null, "first words");
        JsonObject edit = JsonParser.parseString(SlackPayloads.messageChanged(SlackPayloads.eventId(), channel, BOB, ts,
                "first words", "second words")).getAsJsonObject();
        JsonObject event = edit.getAsJsonObject("event");
        event.getAsJsonObject("message").remove("edited");
        event.remove("event_ts");
        bot.event(edit.toString());
        List<Instant> edits = editTimes(bot, ts);
        assertEquals(1, edits.size(), edits.toString());
        assertWithin(Duration.ofMinutes(2), clock.instant(), edits.get(0));
    }

    private static void assertWithin(Duration tolerance, Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(tolerance) < 0,
                actual + " is not within " + tolerance + " of " + expected);
    }

    /** The times of the stored revisions of the message {@code ts}, read from the database the bot writes. */
    private static List<Instant> editTimes(RunningScribe bot, String ts) throws SQLException {
        bot.tableCounts(); // returns once everything acknowledged is in the tables
        List<Instant> times = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(bot.dbUrl(), "", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT edited_at_us FROM message_revisions WHERE ts = '" + ts
                     + "' ORDER BY edited_at_us")) {
            while (rs.next()) {
                long micros = rs.getLong(1);
                times.add(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000));
            }
        }
        return times;
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import dev.scribe.testing.FakeSlackApi.ApiCall;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An incident in which people go on talking while the bot is away: what they say live reaches the bot (posted in the
 * fake Slack and delivered as an event, as Slack does), what they say, edit, delete and react to while it is down only
 * changes Slack. Used by the catch-up tests with a bot stopped, killed, and on two replicas.
 */
final class CatchUpScenario {

    /** Catch-up on, paced fast enough for a test (100 calls a second of each method). */
    static final Map<String, String> FAST = Map.of("SCRIBE_CATCH_UP_RATE", "6000");

    final FakeSlackApi slack;
    final String channel;
    private final Function<String, HttpResponse<String>> events;
    String first;
    String oldThread;
    String edited;
    String deleted;
    String unmarked;
    String newThread;

    /** @param events how an event reaches the bot (a replica's or a child process's signed client) */
    CatchUpScenario(FakeSlackApi slack, String channel, Function<String, HttpResponse<String>> events) {
        this.slack = slack;
        this.channel = channel;
        this.events = events;
    }

    /** A person's message, posted in Slack and delivered to the bot. */
    String live(String user, String text) {
        String ts = slack.post(channel, user, text);
        deliver(SlackPayloads.message(SlackPayloads.eventId(), channel, user, ts, null, text));
        return ts;
    }

    /** A reply in a thread, posted in Slack and delivered to the bot. */
    String liveReply(String parent, String user, String text) {
        String ts = slack.reply(channel, parent, user, text);
        deliver(SlackPayloads.message(SlackPayloads.eventId(), channel, user, ts, parent, text));
        return ts;
    }

    /** A reaction, added in Slack and delivered to the bot. */
    void liveReaction(String ts, String user, String emoji) {
        slack.react(channel, ts, user, emoji);
        deliver(SlackPayloads.reactionAdded(SlackPayloads.eventId(), user, emoji, channel, ts));
    }

    private void deliver(String event) {
        HttpResponse<String> ack = events.apply(event);
        assertEquals(200, ack.statusCode(), ack.body());
    }

    /** What the bot hears while it runs. */
    void beforeTheGap() {
        first = live(ALICE, "checkout errors at 4%");
        oldThread = live(BOB, "looking at the deploy");
        liveReply(oldThread, ZOE, "it was v2.41");
        edited = live(BOB, "rollback started");
        deleted = live(ALICE, "wrong channel, sorry");
        unmarked = live(ZOE, "the pool is exhausted");
        liveReaction(unmarked, ZOE, "bulb");
    }

    /** What happens in Slack while the bot is away: four new messages, an edit, a deletion, two reactions and one taken back. */
    void duringTheGap() {
        slack.post(channel, ALICE, "missed: error rate 12%");
        slack.reply(channel, oldThread, BOB, "missed: a reply in the old thread");
        newThread = slack.post(channel, ZOE, "missed: a new thread");
        slack.reply(channel, newThread, ALICE, "missed: a reply in the new thread");
        slack.edit(channel, edited, "rollback started and finished");
        slack.delete(channel, deleted);
        slack.react(channel, first, ALICE, "boom");
        slack.react(channel, newThread, BOB, "white_check_mark");
        slack.unreact(channel, unmarked, ZOE, "bulb");
    }

    /** The report's transcript holds every message once, in order, as Slack has it now, after the recovery line. */
    void assertReport(String markdown) {
        List<String> transcript = IncidentFlowTest.transcriptLines(markdown);
        List<String> expected = List.of(
                "**@Alice**: checkout errors at 4%",
                "**@Bob**: looking at the deploy",
                "**@Zoë 🦊** (in thread): it was v2.41",
                "**@Bob**: rollback started and finished",
                "**@Zoë 🦊**: the pool is exhausted",
                "**@Alice**: missed: error rate 12%",
                "**@Bob** (in thread): missed: a reply in the old thread",
                "**@Zoë 🦊**: missed: a new thread",
                "**@Alice** (in thread): missed: a reply in the new thread");
        assertEquals(expected.size(), transcript.size(), markdown);
        for (int i = 0; i < expected.size(); i++) {
            assertTrue(transcript.get(i).endsWith(expected.get(i)), "line " + i + ": " + transcript.get(i) + "\n" + markdown);
        }
        assertTrue(markdown.matches("(?s).*## Transcript\n\n_4 messages recovered after the bot was unreachable from "
                + "\\d\\d:\\d\\d to \\d\\d:\\d\\d UTC\\._\n.*"), markdown);
        // The boom read back marks the trigger; the check mark on a message recovered marks the resolution; the bulb
        // taken back while the bot was away no longer marks the cause.
        assertTrue(markdown.contains("| Triggered |") && markdown.lines().anyMatch(l -> l.startsWith("| Triggered |")
                && l.endsWith("| marked |")), markdown);
        assertTrue(markdown.lines().anyMatch(l -> l.startsWith("| Resolved |") && l.endsWith("| marked |")), markdown);
        assertTrue(markdown.lines().noneMatch(l -> l.startsWith("| Cause identified |") && l.endsWith("| marked |")),
                markdown);
    }

    /** The catch-up calls of conversations.history in the channel (the outbox's look-ups ask for metadata; these do not). */
    List<ApiCall> readBackCalls() {
        return slack.calls("conversations.history").stream()
                .filter(c -> channel.equals(c.param("channel")) && !"1".equals(c.param("include_all_metadata"))
                        && !"true".equals(c.param("include_all_metadata"))).toList();
    }

    /**
     * Waits until a catch-up has read the channel since {@code callsBefore} read-back calls and none is left to do,
     * and {@code recoveries} catch-ups noted what they recovered.
     */
    void awaitCaughtUp(String dbUrl, String user, String password, int callsBefore, int recoveries) {
        slack.await(() -> readBackCalls().size() > callsBefore
                        && count(dbUrl, user, password, "SELECT COUNT(*) FROM catch_ups") == 0
                        && count(dbUrl, user, password, "SELECT COUNT(*) FROM catch_up_recoveries") == recoveries,
                done -> done, WAIT);
    }

    static long count(String dbUrl, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(dbUrl, user, password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

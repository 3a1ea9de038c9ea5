package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.slack.view.CloseModal;
import dev.scribe.slack.view.HeaderControls;
import dev.scribe.slack.view.NoteModal;
import dev.scribe.testing.FakeSlackApi.PostedMessage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reminders (issue 17, part 2) on the real bot, with periods of seconds and a clock the test moves on: an update
 * reminder falls due a period after the last activity, addressed to the commander, and at most once a period; none
 * for an incident that has closed; a close reminder once, not again after a restart; an action reminder for the
 * action items nobody owns, in the summary's thread.
 */
class RemindersTest {

    private static final Duration UPDATE = Duration.ofSeconds(12);
    private static final Duration CLOSE = Duration.ofSeconds(20);
    private static final Duration ACTION = Duration.ofSeconds(20);

    private final MovableClock clock = new MovableClock();

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of(
            "SCRIBE_UPDATE_REMINDER", "PT12S", "SCRIBE_CLOSE_REMINDER", "PT20S", "SCRIBE_ACTION_REMINDER", "pt20s"))
            .withClock(clock);

    @Test
    void anUpdateReminderFallsDueAPeriodAfterTheLastActivityAndRepeatsAtMostOnceAPeriod(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Checkout errors after deploy");
        move(Duration.ofSeconds(8));
        assertEquals(200, bot.command(BOB, channel, "note rolled back to v2.40").ack().statusCode());
        long noteAt = bot.count("SELECT MAX(created_at_us) FROM timeline_entries WHERE body = ?", "rolled back to v2.40");
        // Twelve seconds after the start, but not after the note: an update was posted, so no reminder yet.
        move(Duration.ofSeconds(6));
        move(Duration.ofSeconds(5));
        PostedMessage first = bot.slack.await(() -> reminders(bot, channel, "has had no status change"), r -> !r.isEmpty(),
                WAIT).get(0);
        assertTrue(first.text().startsWith("<@" + ALICE + "> Incident 1 has had no status change, note or marked moment "
                + "for 12s."), first.text());
        assertTrue(blocks(first).contains("set `SCRIBE_UPDATE_REMINDER=off`"), blocks(first));
        List<long[]> sent = sentReminders(bot, "UPDATE");
        assertEquals(1, sent.size());
        assertEquals(noteAt + UPDATE.toNanos() / 1000, sent.get(0)[0], "due a period after the note, not the start");

        move(UPDATE.plusSeconds(1));
        bot.slack.await(() -> reminders(bot, channel, "has had no status change"), r -> r.size() >= 2, WAIT);
        sent = sentReminders(bot, "UPDATE");
        assertEquals(sent.get(0)[1] + UPDATE.toNanos() / 1000, sent.get(1)[0], "the next a period after the last one");

        // The reminder's own controls are the header's: its status select sets the status, its button opens the note form.
        assertEquals(200, bot.http().interaction(Interactions.chooseOption(BOB, first, HeaderControls.STATUS, "identified",
                bot.slack.responseUrl("reminder-status"))).statusCode());
        bot.slack.await(() -> bot.slack.topLevelMessages(channel),
                m -> m.stream().anyMatch(p -> p.text().contains("set the status to *Identified*")), WAIT);
        assertEquals(1, bot.count("SELECT COUNT(*) FROM timeline_entries WHERE kind = 'STATUS' AND author_id = ? "
                + "AND body = 'identified'", BOB));
        assertEquals(200, bot.http().interaction(Interactions.clickButton(BOB, first, HeaderControls.ADD_NOTE,
                bot.slack.responseUrl("reminder-note"))).statusCode());
        bot.slack.await(() -> bot.slack.modals(NoteModal.CALLBACK_ID), v -> v.size() == 1, WAIT);
    }

    @Test
    void noReminderAfterCloseAndTheCloseReminderOnceAcrossARestart(RunningScribe bot) throws Exception {
        String closed = bot.startIncident(ALICE, "Closed at once");
        assertEquals(200, bot.command(ALICE, closed, "close false alarm").ack().statusCode());
        bot.awaitReport(1);
        String resolved = bot.startIncident(BOB, "Search latency");
        assertEquals(200, bot.command(BOB, resolved, "status resolved").ack().statusCode());

        move(CLOSE.plusSeconds(5));
        PostedMessage closeIt = bot.slack.await(() -> reminders(bot, resolved, "is still open. Close it?"),
                r -> !r.isEmpty(), WAIT).get(0);
        assertTrue(closeIt.text().startsWith("<@" + BOB + "> Incident 2 was resolved 20s ago and is still open."),
                closeIt.text());
        assertTrue(blocks(closeIt).contains("`SCRIBE_CLOSE_REMINDER=off`"), blocks(closeIt));
        assertEquals(200, bot.http().interaction(Interactions.clickButton(BOB, closeIt, HeaderControls.CLOSE,
                bot.slack.responseUrl("reminder-close"))).statusCode());
        bot.slack.await(() -> bot.slack.modals(CloseModal.CALLBACK_ID), v -> v.size() == 1, WAIT);
        assertEquals(List.of(), reminders(bot, resolved, "has had no status change"), "resolved: no update reminders");

        bot.restart();
        String later = bot.startIncident(ALICE, "Disk full on db-3");
        assertEquals(200, bot.command(ALICE, later, "status resolved").ack().statusCode());
        move(CLOSE.plusSeconds(5));
        // Incident 3's reminder shows the restarted bot has looked since, with incident 2's long due again if it could be.
        bot.slack.await(() -> reminders(bot, later, "is still open. Close it?"), r -> !r.isEmpty(), WAIT);
        assertEquals(1, reminders(bot, resolved, "Close it?").size(), "once, not again after the restart");
        assertEquals(List.of(), bot.slack.messages(closed).stream().filter(m -> blocks(m).contains("_REMINDER=off"))
                .toList(), "none for the incident that had closed");
    }

    @Test
    void anActionReminderListsTheActionItemsNobodyOwnsInTheSummarysThread(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Payments queue backlog");
        assertEquals(200, bot.command(ALICE, channel, "action add an alert on queue depth").ack().statusCode());
        assertEquals(200, bot.command(ALICE, channel, "action write the runbook <@" + BOB + "|bob>").ack().statusCode());
        assertEquals(200, bot.command(ALICE, channel, "close").ack().statusCode());
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        PostedMessage summary = bot.slack.topLevelMessages(channel).stream()
                .filter(m -> m.text().startsWith("Incident 1 closed")).findFirst().orElseThrow();
        move(ACTION.plusSeconds(5));
        PostedMessage reminder = bot.slack.await(() -> bot.slack.threadReplies(channel, summary.ts()).stream()
                .filter(m -> m.text().contains("no owner yet")).toList(), r -> !r.isEmpty(), WAIT).get(0);
        assertTrue(reminder.text().contains("One action item of incident 1 has no owner yet:\n• add an alert on queue "
                + "depth"), reminder.text());
        assertFalse(reminder.text().contains("runbook"), reminder.text());
        assertTrue(blocks(reminder).contains("`SCRIBE_ACTION_REMINDER=off`"), blocks(reminder));
        assertEquals(1, sentReminders(bot, "ACTION").size());
    }

    /** A message's blocks as JSON without Gson's escapes ({@code \u003d} for {@code =}). */
    private static String blocks(PostedMessage m) {
        return com.google.gson.JsonParser.parseString(m.blocksJson()).toString();
    }

    private void move(Duration by) {
        clock.set(clock.instant().plus(by));
    }

    /** The bot's reminders of one kind in a channel, top level. */
    private static List<PostedMessage> reminders(RunningScribe bot, String channel, String saying) {
        return bot.slack.topLevelMessages(channel).stream().filter(m -> m.text().contains(saying)).toList();
    }

    /** Each reminder of the kind stored: its occurrence and when it was sent, in epoch microseconds, in order. */
    private static List<long[]> sentReminders(RunningScribe bot, String kind) throws SQLException {
        List<long[]> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(bot.dbUrl(), "", "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT occurrence, sent_at_us FROM reminders WHERE kind = ? ORDER BY sent_at_us")) {
            s.setString(1, kind);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
        }
        return rows;
    }
}

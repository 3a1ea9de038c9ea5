package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The README's promise for a full message journal, end to end on the embedded database: while the database stores
 * nothing, messages are acknowledged until the journal (16 MiB) is full; then a new one waits for room, at most 2 s,
 * and is answered 503 within Slack's 3 s so that Slack retries it; once there is room, the retry is stored, once.
 */
class FullJournalTest {

    /** How long a message waits for room in a full journal (JournaledMessageWriter.AWAIT_ROOM_MS). */
    private static final Duration AWAIT_ROOM = Duration.ofSeconds(2);
    private static final Duration SLACK_DEADLINE = Duration.ofSeconds(3);
    /** 40,000 emoji of four UTF-8 bytes: 160 KB a record, so about a hundred messages fill 16 MiB. */
    private static final String LONG_TEXT = "🔥".repeat(40_000);
    /** More than enough messages to fill the journal; reaching it without a 503 means nothing was ever full. */
    private static final int MOST_MESSAGES = 400;

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void aMessageThatFindsTheJournalFullWaitsThenGets503AndItsRetryIsStoredOnce(RunningScribe bot) throws Exception {
        String channel = bot.startIncident(ALICE, "Journal fills up");
        long now = Instant.now().getEpochSecond();
        bot.say(channel, BOB, SlackPayloads.ts(now, 0), null, "before the database stops storing");
        bot.tableCounts(); // stored

        // The database answers but stores no message: the journal keeps every one taken, and fills.
        bot.execute("ALTER TABLE messages RENAME TO messages_away");
        int acknowledged = 0;
        String refused = null;
        Duration took = null;
        for (int i = 1; i <= MOST_MESSAGES && refused == null; i++) {
            String event = SlackPayloads.message(SlackPayloads.eventId(), channel, BOB, SlackPayloads.ts(now, i), null,
                    i + " " + LONG_TEXT);
            long started = System.nanoTime();
            HttpResponse<String> answer = bot.http().event(event);
            if (answer.statusCode() == 200) {
                acknowledged++;
                continue;
            }
            took = Duration.ofNanos(System.nanoTime() - started);
            assertEquals(503, answer.statusCode(), "a message the full journal cannot take: " + answer.body());
            refused = event;
        }
        assertTrue(refused != null, "the journal took " + acknowledged + " messages of 160 KB and was never full");
        assertTrue(acknowledged >= 90, "the journal was full after " + acknowledged + " messages of 160 KB, not 16 MiB");
        assertTrue(took.compareTo(AWAIT_ROOM.minusMillis(100)) >= 0, "refused after " + took.toMillis() + " ms, without waiting for room");
        assertTrue(took.compareTo(SLACK_DEADLINE) < 0, "answered after " + took.toMillis() + " ms, past Slack's 3 s");

        // The database stores again: the journal empties, and Slack's retries of the refused message get in.
        bot.execute("ALTER TABLE messages_away RENAME TO messages");
        String retried = refused;
        AtomicInteger attempt = new AtomicInteger();
        bot.slack.await(() -> bot.http().retry(retried, attempt.incrementAndGet()).statusCode(), status -> status == 200,
                Duration.ofSeconds(90));
        assertEquals(200, bot.http().retry(retried, attempt.incrementAndGet()).statusCode(), "a later retry is acked too");
        bot.tableCounts(); // everything acknowledged is stored
        String refusedTs = SlackPayloads.ts(now, acknowledged + 1);
        assertEquals(1, bot.count("SELECT COUNT(*) FROM messages WHERE channel_id = ? AND ts = ?", channel, refusedTs),
                "the refused message is stored once, however often it was retried");
        assertEquals(acknowledged + 2, bot.count("SELECT COUNT(*) FROM messages WHERE channel_id = ?", channel),
                "every message acknowledged while the journal filled is stored, and the retried one");
    }
}

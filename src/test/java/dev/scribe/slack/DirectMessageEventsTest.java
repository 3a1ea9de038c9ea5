package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import dev.scribe.testing.FakeSlackApi;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * People's messages read straight from the signed body ({@link DirectMessageEvents}, Bolt for what it leaves) are
 * recorded exactly as through Bolt alone: the same events, delivered both ways into two databases, leave the same
 * messages and the same outcomes, while the direct path takes every plain message itself.
 */
class DirectMessageEventsTest {

    static final String TOKEN = "xoxb-direct-test";
    static final String CHANNEL = "C0INCIDENT";
    static final String QUIET = "C0NOINCIDENT";
    static final String ALICE = "U01ALICE";
    static final String BOB = "U02BOB";

    @TempDir
    Path dir;

    @Test
    void theSameEventsLeaveTheSameRecordEitherWay() throws Exception {
        long now = Instant.now().getEpochSecond();
        String root = now - 60 + ".000100";
        List<String> events = new ArrayList<>(List.of(
                message("Ev1", "", ALICE, root, "the deploy went out"),
                message("Ev2", "\"thread_ts\":\"" + root + "\",", BOB, now - 50 + ".000200", "errors are up"),
                message("Ev3", "\"subtype\":\"thread_broadcast\",\"thread_ts\":\"" + root + "\",", ALICE, now - 40 + ".000300",
                        "rolling back, also sent to the channel"),
                message("Ev4", "\"subtype\":\"file_share\",\"files\":[{\"id\":\"F1\"}],", BOB, now - 30 + ".000400", "graph"),
                message("Ev5", "\"subtype\":\"me_message\",\"thread_ts\":\"" + root + "\",", ALICE, now - 20 + ".000500",
                        "is paging the database team"),
                // A thread's parent naming itself as the thread: recorded as the top-level message it is.
                message("Ev6", "\"thread_ts\":\"" + (now - 10) + ".000600\",", BOB, now - 10 + ".000600", "parent"),
                // Slack's retry of the first: recorded once.
                message("Ev1", "", ALICE, root, "the deploy went out"),
                // This bot's own user, with and without its bot id; another app's bot; a join.
                message("Ev7", "", FakeSlackApi.BOT_USER_ID, now - 9 + ".000700", "the bot's own words"),
                message("Ev8", "\"bot_id\":\"" + FakeSlackApi.BOT_ID + "\",", FakeSlackApi.BOT_USER_ID, now - 8 + ".000800", "ours"),
                message("Ev9", "\"subtype\":\"bot_message\",\"bot_id\":\"B0OTHER\",", null, now - 7 + ".000900", "alert"),
                message("Ev10", "\"subtype\":\"channel_join\",", BOB, now - 6 + ".001000", "<@U02BOB> has joined"),
                // Not storable: no author, a malformed user, a malformed ts, a time no Slack message has.
                message("Ev11", "", null, now - 5 + ".001100", "no author"),
                message("Ev12", "", "not a user", now - 4 + ".001200", "bad user"),
                message("Ev13", "", ALICE, "soon", "bad ts"),
                message("Ev14", "", ALICE, "0000000001.000000", "from 1970"),
                // A channel with no incident, and a field of another type (Bolt decides those).
                message("Ev15", "", ALICE, now - 3 + ".001500", "elsewhere").replace(CHANNEL, QUIET),
                message("Ev16", "\"thread_ts\":" + (now - 60) + ".0001,", BOB, now - 2 + ".001600", "a number for a thread")));

        List<RecordOutcome> directOutcomes = new ArrayList<>();
        List<RecordOutcome> boltOutcomes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int handledDirectly = 0;
        try (FakeSlackApi slack = new FakeSlackApi(TOKEN);
             SlackWebApi web = SlackWebApi.open(slack.apiUrl(), TOKEN, Duration.ofSeconds(10));
             Database directDb = Database.open("jdbc:h2:file:" + dir.resolve("direct") + ";WRITE_DELAY=0", null, null);
             Database boltDb = Database.open("jdbc:h2:file:" + dir.resolve("bolt") + ";WRITE_DELAY=0", null, null);
             JdbiIncidentStore directStore = new JdbiIncidentStore(directDb, Clock.systemUTC());
             JdbiIncidentStore boltStore = new JdbiIncidentStore(boltDb, Clock.systemUTC())) {
            slack.addChannel(CHANNEL, "inc-direct");
            IncidentService directIncidents = new IncidentService(directStore, Clock.systemUTC());
            IncidentService boltIncidents = new IncidentService(boltStore, Clock.systemUTC());
            for (IncidentService incidents : List.of(directIncidents, boltIncidents)) {
                incidents.open("Direct or through Bolt", Severity.SEV2, CHANNEL, CHANNEL, ALICE);
            }
            App withDirect = app(web, new MessageRecorder(directIncidents, directOutcomes::add));
            App boltAlone = app(web, new MessageRecorder(boltIncidents, boltOutcomes::add));
            BotIdentity identity = web.checkBotToken();
            DirectMessageEvents direct = new DirectMessageEvents(new MessageRecorder(directIncidents, directOutcomes::add),
                    identity.userId(), seen::add);

            for (String body : events) {
                // As SlackEventsServlet does: the direct path first, Bolt for what it leaves.
                if (direct.handled(body.getBytes(StandardCharsets.UTF_8))) {
                    handledDirectly++;
                } else {
                    assertEquals(200, withDirect.run(request(body)).getStatusCode(), body);
                }
                assertEquals(200, boltAlone.run(request(body)).getStatusCode(), body);
            }

            assertEquals(transcript(boltIncidents), transcript(directIncidents));
            assertEquals(boltOutcomes, directOutcomes);
            assertEquals(List.of("the deploy went out", "errors are up", "rolling back, also sent to the channel", "graph",
                    "is paging the database team", "parent", "a number for a thread"),
                    directIncidents.load(1).messages().toList().stream().map(RecordedMessage::text).toList());
        }
        // 13 of the 17 took the direct path: all but the two with a bot id, the join and the number for a thread;
        // of those, all but the bot's own message reached the gap watch.
        assertEquals(13, handledDirectly);
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(c -> c.equals(CHANNEL) || c.equals(QUIET)), seen.toString());
        assertEquals(12, seen.size(), "every direct event but the bot's own was shown to the gap watch: " + seen);
    }

    private static App app(SlackWebApi web, MessageRecorder recorder) {
        App app = new App(AppConfig.builder().singleTeamBotToken(TOKEN).slack(web.slack())
                .requestVerificationEnabled(false).allEventsApiAutoAckEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true).build());
        new MessageListener(recorder).register(app);
        return app;
    }

    private static List<String> transcript(IncidentService incidents) {
        return incidents.load(1).messages().toList().stream()
                .map(m -> m.channelId() + " " + m.ts() + " " + m.threadTs() + " " + m.authorId() + " " + m.text() + " " + m.postedAt())
                .toList();
    }

    /** A message event; {@code extra} goes first in the event, {@code user} null leaves the user out. */
    private static String message(String eventId, String extra, String user, String ts, String text) {
        return "{\"type\":\"event_callback\",\"team_id\":\"" + FakeSlackApi.TEAM_ID + "\",\"api_app_id\":\""
                + FakeSlackApi.APP_ID + "\",\"event_id\":\"" + eventId + "\",\"event_time\":1,\"event\":{" + extra
                + "\"type\":\"message\",\"channel\":\"" + CHANNEL + "\","
                + (user == null ? "" : "\"user\":\"" + user + "\",") + "\"text\":\"" + text + "\",\"ts\":\"" + ts + "\"}}";
    }

    private static EventRequest request(String body) {
        return new EventRequest(body, new RequestHeaders(Map.of("Content-Type", List.of("application/json"))));
    }
}

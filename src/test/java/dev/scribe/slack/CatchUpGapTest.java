package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.builtin.EventRequest;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiCatchUps;
import dev.scribe.storage.JdbiIncidentStore;
import dev.scribe.testing.FakeSlackApi;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third trigger: the first event in an incident's channel after more than {@link CatchUp#EVENT_GAP} of silence
 * there has the channel read back; shorter silences do not. Events go through Bolt as Slack's do, so the channel is
 * the one Bolt reads from the event; the gap is measured in elapsed time, moved on by the test.
 */
class CatchUpGapTest {

    static final String TOKEN = "xoxb-gap-test";
    static final String CHANNEL = "C0INCIDENT";
    static final String ALICE = "U01ALICE";
    static final String BOB = "U02BOB";

    @TempDir
    Path dir;

    @Test
    void theFirstEventAfterAFiveMinuteGapHasTheChannelReadBack() throws Exception {
        try (FakeSlackApi slack = new FakeSlackApi(TOKEN);
             SlackWebApi web = SlackWebApi.open(slack.apiUrl(), TOKEN, Duration.ofSeconds(10));
             Database database = Database.open("jdbc:h2:file:" + dir.resolve("gap") + ";WRITE_DELAY=0", null, null);
             JdbiIncidentStore store = new JdbiIncidentStore(database, Clock.systemUTC())) {
            slack.addUser(ALICE, "alice", "Alice");
            slack.addUser(BOB, "bob", "Bob");
            slack.addChannel(CHANNEL, "inc-gap");
            IncidentService incidents = new IncidentService(store, Clock.systemUTC());
            incidents.open("Quiet for a while", Severity.SEV2, CHANNEL, CHANNEL, ALICE);
            String before = slack.post(CHANNEL, ALICE, "heard live");
            incidents.record(new RecordedMessage(CHANNEL, before, null, ALICE, "heard live", SlackTs.toInstant(before)), null);

            AtomicLong elapsed = new AtomicLong();
            CatchUp catchUp = new CatchUp(incidents, new JdbiCatchUps(database), web.methods(), n -> { },
                    Clock.systemUTC(), 6000, elapsed::get);
            App app = new App(AppConfig.builder().singleTeamBotToken(TOKEN).slack(web.slack())
                    .requestVerificationEnabled(false).allEventsApiAutoAckEnabled(true).build());
            catchUp.watch(app);
            try {
                event(app, before);
                slack.post(CHANNEL, BOB, "said while the events were lost");
                elapsed.addAndGet(Duration.ofMinutes(4).toNanos());
                event(app, before);
                elapsed.addAndGet(Duration.ofMinutes(4).toNanos());
                event(app, before); // eight minutes since the first, but never five without an event
                elapsed.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toNanos());
                event(app, before);

                slack.await(() -> incidents.load(1).messages().toList().size(), n -> n == 2, Duration.ofSeconds(20));
                assertEquals(List.of("heard live", "said while the events were lost"),
                        incidents.load(1).messages().toList().stream().map(RecordedMessage::text).toList());
                assertEquals(1, slack.callCount("conversations.history"), "only the gap had it read: " + slack.callSummary());
            } finally {
                catchUp.close();
            }
        }
    }

    /** A reaction in the incident's channel, delivered through Bolt as the servlet delivers it. */
    private static void event(App app, String ts) throws Exception {
        String body = "{\"type\":\"event_callback\",\"team_id\":\"" + FakeSlackApi.TEAM_ID + "\",\"api_app_id\":\""
                + FakeSlackApi.APP_ID + "\",\"event_id\":\"Ev" + System.nanoTime() + "\",\"event_time\":1,"
                + "\"event\":{\"type\":\"reaction_added\",\"user\":\"" + BOB + "\",\"reaction\":\"eyes\","
                + "\"item\":{\"type\":\"message\",\"channel\":\"" + CHANNEL + "\",\"ts\":\"" + ts + "\"},"
                + "\"event_ts\":\"" + ts + "\"}}";
        EventRequest request = new EventRequest(body, new RequestHeaders(Map.of("Content-Type", List.of("application/json"))));
        assertEquals(200, app.run(request).getStatusCode());
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /metrics} after a scripted incident through the signed servlet, parsed as Prometheus text and checked
 * figure by figure; the bearer token; other methods.
 */
class MetricsTest {

    private static final String METRICS_TOKEN = "metrics-token-5d1e";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();


    @Test
    void aScriptedIncidentShowsInEveryFigure(RunningScribe bot) {
        PrometheusText before = scrape(bot);
        assertEquals(0.0, before.value("scribe_incidents_open", sev("sev2")));
        assertEquals("histogram", before.type("scribe_slack_ack_latency_seconds").orElseThrow());

        bot.slack.failNext("pins.add", "no_permission");
        String channel = bot.startIncident(ALICE, "sev2 Checkout errors");
        long t0 = System.currentTimeMillis() / 1000 - 3600;
        String first = SlackPayloads.ts(t0, 1);
        String fixed = SlackPayloads.ts(t0 + 600, 2);
        bot.say(channel, ALICE, first, null, "Checkout returns 502");
        bot.say(channel, BOB, fixed, null, "Rolled back, errors gone");
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), ALICE, "rotating_light", channel, first));
        bot.event(SlackPayloads.reactionAdded(SlackPayloads.eventId(), BOB, "white_check_mark", channel, fixed));

        PrometheusText open = await(bot, m -> m.value("scribe_slack_ack_latency_seconds_count") == 5);
        assertEquals(1.0, open.value("scribe_incidents_open", sev("sev2")));
        assertEquals(0.0, open.value("scribe_incidents_open", sev("sev1")));
        assertEquals(1.0, open.value("scribe_incidents_started_total", sev("sev2")));
        assertEquals(0.0, open.value("scribe_incidents_closed_total", sev("sev2")));
        assertEquals(5.0, open.value("scribe_slack_events_received_total"), "the start, two messages, two reactions");
        assertEquals(2.0, open.value("scribe_slack_events_recorded_total"));
        assertEquals(0.0, open.value("scribe_slack_events_deduplicated_total"));
        assertEquals(1.0, open.value("scribe_slack_api_errors_total", Map.of("method", "pins.add", "error", "no_permission")));
        assertEquals(5.0, open.value("scribe_slack_ack_latency_seconds_bucket", Map.of("le", "3.0")),
                "every answer within Slack's 3 seconds");

        assertEquals(200, bot.command(ALICE, channel, "close rolled back").ack().statusCode());
        bot.awaitReport(1);
        bot.awaitOutboxEmpty();
        PrometheusText closed = await(bot, m -> m.value("scribe_slack_ack_latency_seconds_count") == 6);
        assertEquals(0.0, closed.value("scribe_incidents_open", sev("sev2")));
        assertEquals(1.0, closed.value("scribe_incidents_closed_total", sev("sev2")));
        assertEquals(6.0, closed.value("scribe_slack_events_received_total"));
        assertEquals(0.0, closed.value("scribe_report_outbox_depth"));
        assertEquals(0.0, closed.value("scribe_report_outbox_oldest_age_seconds"));
        // Resolved (the ✅ on the second message) - Detected (the 🚨 on the first): 600 s, in the 15-minute bucket.
        assertEquals(1.0, closed.value("scribe_incident_time_to_resolve_seconds_count", sev("sev2")));
        assertEquals(600.0, closed.value("scribe_incident_time_to_resolve_seconds_sum", sev("sev2")), 0.001);
        assertEquals(0.0, closed.value("scribe_incident_time_to_resolve_seconds_bucket", Map.of("severity", "sev2", "le", "300.0")));
        assertEquals(1.0, closed.value("scribe_incident_time_to_resolve_seconds_bucket", Map.of("severity", "sev2", "le", "900.0")));
        assertEquals(0.0, closed.value("scribe_incident_time_to_resolve_seconds_count", sev("sev1")));
    }

    @Test
    void duplicatesAndAWaitingOutboxAreCounted() throws Exception {
        // Without a journal (an in-memory H2), so a repeated message is refused by the database and counted.
        RunningScribe bot = scribe.start(Map.of("SCRIBE_DB_URL",
                "jdbc:h2:mem:metrics-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), Clock.systemUTC());
        String channel = bot.startIncident(ALICE, "Queue stuck");
        String ts = SlackPayloads.ts(System.currentTimeMillis() / 1000 - 60, 1);
        bot.event(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE, ts, null, "queue at 100%"));
        bot.event(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE, ts, null, "queue at 100%"));

        // Slack holds back every post of the report for a minute: its posts wait in the outbox.
        bot.slack.rateLimitNext("chat.postMessage", 60);
        assertEquals(200, bot.command(ALICE, channel, "close").ack().statusCode());
        PrometheusText waiting = await(bot, m -> m.find("scribe_slack_api_errors_total",
                Map.of("method", "chat.postMessage", "error", "ratelimited")).isPresent());
        assertEquals(1.0, waiting.value("scribe_slack_events_recorded_total"));
        assertEquals(1.0, waiting.value("scribe_slack_events_deduplicated_total"));
        assertEquals(1.0, waiting.value("scribe_incidents_closed_total", sev("sev3")));
        // No marks: Detected is the start and Resolved the close, so the close has a time to resolve too.
        assertEquals(1.0, waiting.value("scribe_incident_time_to_resolve_seconds_count", sev("sev3")));
        double depth = waiting.value("scribe_report_outbox_depth");
        assertTrue(depth >= 3, "summary, timeline and file wait: " + depth);
        assertEquals((double) bot.pendingPosts(), depth);
        assertTrue(waiting.value("scribe_report_outbox_oldest_age_seconds") >= 0);
    }

    @Test
    void theTokenIsRequiredWhenSetAndOnlyGetIsServed() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_METRICS_TOKEN", METRICS_TOKEN), Clock.systemUTC());
        assertEquals(401, get(bot, null).statusCode());
        assertEquals(401, get(bot, "Bearer wrong-token").statusCode());
        assertEquals(401, get(bot, METRICS_TOKEN).statusCode(), "the word Bearer is part of the header");
        HttpResponse<String> ok = get(bot, "Bearer " + METRICS_TOKEN);
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        PrometheusText.parse(ok.body());
        for (String method : new String[] {"POST", "PUT", "DELETE"}) {
            HttpResponse<String> refused = send(bot, HttpRequest.newBuilder(uri(bot))
                    .header("Authorization", "Bearer " + METRICS_TOKEN)
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build());
            assertEquals(405, refused.statusCode(), method);
            assertTrue(!refused.body().contains("Exception"), refused.body());
        }
    }

    private static Map<String, String> sev(String severity) {
        return Map.of("severity", severity);
    }

    private static PrometheusText await(RunningScribe bot, Predicate<PrometheusText> condition) {
        return bot.slack.await(() -> scrape(bot), condition, WAIT);
    }

    private static PrometheusText scrape(RunningScribe bot) {
        HttpResponse<String> response = get(bot, null);
        assertEquals(200, response.statusCode(), response.body());
        return PrometheusText.parse(response.body());
    }

    private static HttpResponse<String> get(RunningScribe bot, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(bot)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(bot, request.build());
    }

    private static URI uri(RunningScribe bot) {
        return URI.create("http://localhost:" + bot.port() + "/metrics");
    }

    private static HttpResponse<String> send(RunningScribe bot, HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scribe.testing.SlackSigner;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Forged, missing, stale and future-dated signatures: 401, and nothing changes anywhere. */
class RequestSecurityTest {

    // A fixed clock: with the real one, a slow run crossing a second between signing and checking made "301 s
    // ahead" count as 300 and be accepted.
    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults().withClock(Clock.fixed(Instant.now(), ZoneOffset.UTC));

    String channel;
    byte[] message;
    byte[] command;

    @BeforeEach
    void openIncident(RunningScribe bot) {
        channel = bot.startIncident(ALICE, "Signature checks");
        message = SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE,
                SlackPayloads.ts(System.currentTimeMillis() / 1000, 1), null, "forged 🔓 message").getBytes(StandardCharsets.UTF_8);
        command = SlackPayloads.slashCommand(ALICE, OPS, "start Forged incident", bot.slack.responseUrl("forged"))
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void badSignaturesAreRefusedAndChangeNothing(RunningScribe bot) throws Exception {
        Map<String, Long> rows = bot.tableCounts();
        int calls = bot.slack.calls().size();
        long now = bot.http().now();
        for (byte[] body : new byte[][] {message, command}) {
            String type = body == message ? SignedClient.JSON : SignedClient.FORM;
            String ts = String.valueOf(now);
            String wrongSecret = new SlackSigner("not-the-secret").sign(ts, body);
            assertRefused(bot.http().raw(body, type, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", wrongSecret));
            assertRefused(bot.http().raw(body, type));
            assertRefused(bot.http().raw(body, type, "X-Slack-Request-Timestamp", ts));
            assertRefused(bot.http().raw(body, type, "X-Slack-Signature", bot.http().signature(now, body)));
            assertRefused(bot.http().raw(body, type, "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", "v0=00"));
            assertRefused(bot.http().raw(body, type, "X-Slack-Request-Timestamp", "yesterday",
                    "X-Slack-Signature", bot.http().signature(now, body)));
            // Signed for another body: a replayed signature on altered content.
            byte[] altered = new String(body, StandardCharsets.UTF_8).replace("forged", "altered").getBytes(StandardCharsets.UTF_8);
            assertRefused(bot.http().raw(altered, type, "X-Slack-Request-Timestamp", ts,
                    "X-Slack-Signature", bot.http().signature(now, body)));
            assertRefused(bot.http().signedAt(body, type, now - 301));
            assertRefused(bot.http().signedAt(body, type, now + 301));
            assertRefused(bot.http().signedAt(body, type, now - 86_400));
        }
        assertEquals(rows, bot.tableCounts(), "refused requests write nothing");
        assertEquals(calls, bot.slack.calls().size(), "refused requests make no Slack call: " + bot.slack.callSummary());
    }

    @Test
    void signaturesWithinFiveMinutesEitherWayAreAccepted(RunningScribe bot) throws Exception {
        Map<String, Long> rows = bot.tableCounts();
        long now = bot.http().now();
        assertEquals(200, bot.http().signedAt(message, SignedClient.JSON, now - 290).statusCode());
        assertEquals(200, bot.http().signedAt(SlackPayloads.message(SlackPayloads.eventId(), channel, ALICE,
                SlackPayloads.ts(now, 2), null, "clock skew ahead ⏩").getBytes(StandardCharsets.UTF_8),
                SignedClient.JSON, now + 290).statusCode());
        assertEquals(rows.get("MESSAGES") + 2, bot.tableCounts().get("MESSAGES"), bot.tableCounts().toString());
    }

    private static void assertRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
    }
}

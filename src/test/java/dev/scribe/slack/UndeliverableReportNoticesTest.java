package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.outbox.SlackFailure;
import dev.scribe.slack.UndeliverableReportNotices.Where;
import dev.scribe.testing.BlockKit;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words of the notice that a report cannot be posted: what Slack said, what to do, the command that retries. */
class UndeliverableReportNoticesTest {

    private static final Incident INCIDENT = new Incident(7, "<!channel> R&D checkout down", Severity.SEV2, Status.RESOLVED,
            "C0INC", "C0OPS", "U0DANA", "U0OPENER", Instant.parse("2026-12-01T19:16:00Z"),
            Instant.parse("2026-12-01T21:00:00Z"), null, null, 1);

    private static String text(String error, boolean gaveUp, Where where) {
        SlackMessage m = UndeliverableReportNotices.message(INCIDENT, "C0INC",
                new SlackFailure("chat.postMessage", error, null, null), gaveUp, where);
        assertEquals(List.of(), BlockKit.violations(JsonParser.parseString(ReportPublisher.json(m))
                .getAsJsonObject().get("blocks")));
        return JsonParser.parseString(ReportPublisher.json(m)).getAsJsonObject().getAsJsonArray("blocks").get(0)
                .getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
    }

    @Test
    void eachAnswerSaysWhatToDoAndEveryNoticeTheCommandThatRetries() {
        assertTrue(text("is_archived", false, Where.DM_WITH_FILE).contains("the channel is archived"));
        assertTrue(text("is_archived", false, Where.DM_WITH_FILE).contains("*To post it:* unarchive <#C0INC>, then run "
                + "`/incident repost 7`."));
        assertTrue(text("not_in_channel", false, Where.DM).contains("invite me with `/invite @Incident Scribe` in <#C0INC>"));
        assertTrue(text("missing_scope", false, Where.DM).contains("reinstall the app from the manifest"));
        assertTrue(text("invalid_auth", false, Where.DM).contains("give the bot its new `SLACK_BOT_TOKEN`"));
        assertTrue(text("channel_not_found", false, Where.DM).contains("if it was deleted, the RCA skeleton is the report"));
        String gaveUp = text("internal_error", true, Where.DM);
        assertTrue(gaveUp.contains("Slack has refused it for 15 minutes (its last answer was `internal_error` to "
                + "`chat.postMessage`)"), gaveUp);
        assertTrue(gaveUp.contains("once Slack answers again, then run `/incident repost 7`"), gaveUp);
    }

    @Test
    void theDirectMessageSaysTheFileIsInItsThreadAndTheChannelWhoHasIt() {
        assertTrue(text("is_archived", false, Where.DM_WITH_FILE).contains("its RCA skeleton is in this thread"));
        assertTrue(text("is_archived", false, Where.CHANNEL).contains("<@U0DANA> has its RCA skeleton in a direct message"));
    }

    @Test
    void theTitleIsQuotedInertly() {
        String text = text("is_archived", false, Where.DM);
        assertTrue(text.contains("&lt;!channel&gt; R&amp;D checkout down"), text);
        assertFalse(text.contains("<!channel>"), text);
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 16: with SCRIBE_PUBLIC_URL set, the announcement and the retro summary link to the incident's page; unset, no link. */
class PageLinksTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    private static String[] announcementAndSummary(RunningScribe bot) {
        String channel = bot.startIncident(ALICE, "Search index stale");
        String announcement = bot.awaitAnnouncement(OPS, channel).text();
        bot.command(ALICE, channel, "close");
        bot.awaitReport(1);
        FakeSlackApi.PostedMessage summary = bot.slack.await(() -> bot.slack.topLevelMessages(channel).stream()
                .filter(m -> m.text().startsWith("Incident 1 closed")).findFirst(), java.util.Optional::isPresent, WAIT)
                .orElseThrow();
        String closedAnnouncement = bot.slack.await(() -> bot.awaitAnnouncement(OPS, channel).text(),
                t -> t.contains("Closed"), WAIT);
        return new String[] {announcement, summary.blocksJson(), closedAnnouncement};
    }

    @Test
    void withAPublicUrlTheAnnouncementAndTheSummaryLinkToTheIncidentsPage() throws Exception {
        RunningScribe bot = scribe.start(Map.of("SCRIBE_PUBLIC_URL", "https://scribe.example.com"), Clock.systemUTC());
        String[] posted = announcementAndSummary(bot);
        assertTrue(posted[0].contains("<https://scribe.example.com/incidents/1|incident page>"), posted[0]);
        assertTrue(posted[1].contains("<https://scribe.example.com/incidents/1|incident's page>"), posted[1]);
        assertTrue(posted[2].contains("<https://scribe.example.com/incidents/1|incident page>"), "kept when updated: " + posted[2]);
    }

    @Test
    void withoutAPublicUrlNothingLinksToThePages(RunningScribe bot) {
        String[] posted = announcementAndSummary(bot);
        for (String text : posted) {
            assertFalse(text.contains("/incidents/"), text);
        }
    }
}

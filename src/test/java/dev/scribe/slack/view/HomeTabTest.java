package dev.scribe.slack.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.testing.BlockKit;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The Home tab and the add-to-timeline form against Slack's view rules, with long and hostile inputs. */
class HomeTabTest {

    private static final Instant START = Instant.parse("2026-11-22T09:13:00Z");
    private static final String HOSTILE = "<!channel> <@U1> & *bold* " + "x".repeat(100);

    static Incident incident(int n, String channel, Instant closed) {
        return new Incident(n, (HOSTILE + n).substring(0, 100), Severity.SEV2, Status.IDENTIFIED, channel, "C0OPS", "U0CMD",
                "U0CMD", START, closed, null, null, closed == null ? 0 : 1);
    }

    static JsonElement json(Object view) {
        return GsonFactory.createSnakeCase().toJsonTree(view);
    }

    @Test
    void aHomeOf120OpenIncidentsWithHostileTitlesKeepsSlacksRulesAndSaysHowManyAreLeftOut() {
        List<Incident> open = IntStream.rangeClosed(1, 120).mapToObj(n -> incident(n, "C" + n, null)).toList();
        List<HomeTab.Closed> closed = IntStream.rangeClosed(121, 135)
                .mapToObj(n -> new HomeTab.Closed(incident(n, "C" + n, START.plusSeconds(3600)), "1h 0m")).toList();
        JsonElement view = json(HomeTab.build(open, closed, new HomeTab.Buttons(true, true), ZoneId.of("UTC")));

        assertEquals(List.of(), BlockKit.viewViolations(view, "home"));
        String text = view.toString();
        assertFalse(text.contains("<!channel>"), "a title pings nobody");
        assertTrue(text.contains("&lt;!channel&gt;"), text);
        assertTrue(text.contains("…and 70 more"), text);
        assertTrue(text.contains("<!date^" + START.getEpochSecond() + "^{date_short_pretty} {time}|2026-11-22 09:13 UTC>"),
                "the start as a date each reader sees in their zone");
        assertTrue(text.contains("time to resolve 1h 0m"), text);
        assertEquals(HomeTab.CLOSED_SHOWN, countOf(text, "\"home_closed:"));
        assertTrue(text.contains(HomeTab.DECLARE_ACTION) && text.contains(HomeTab.SIGN_IN_ACTION));
    }

    @Test
    void withoutIncidentsOrButtonsHomeSaysSo() {
        JsonElement view = json(HomeTab.build(List.of(), List.of(), new HomeTab.Buttons(false, false), ZoneId.of("UTC")));
        assertEquals(List.of(), BlockKit.viewViolations(view, "home"));
        assertTrue(view.toString().contains("No incident is open."));
        assertFalse(view.toString().contains(HomeTab.SIGN_IN_ACTION));
    }

    @Test
    void theAddToTimelineFormOffers100IncidentsIncludingTheChannelsOwnAndSaysSoWhenMoreAreOpen() {
        List<Incident> open = new ArrayList<>(IntStream.rangeClosed(1, 140).mapToObj(n -> incident(n, "C" + n, null)).toList());
        String metadata = "{\"c\":\"C3\"}";
        JsonElement view = json(AddToTimelineModal.form(open, "C3", "U2", "<!here> " + "y".repeat(5000), metadata));

        assertEquals(List.of(), BlockKit.viewViolations(view, "modal"));
        String text = view.toString();
        assertTrue(text.contains("140 incidents are open") && text.contains("the 40 oldest are left out"), text);
        assertFalse(text.contains("<!here>"));
        assertTrue(text.contains("\"initial_option\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Incident 3 · SEV2 ·"),
                "the channel's own, old as it is, is offered and chosen: " + text);
        assertEquals(AddToTimelineModal.MAX_INCIDENT_OPTIONS + AddToTimelineModal.kinds().size() + 2,
                countOf(text, "\"value\":"), "100 incidents, the kinds, and both initial options");
    }

    @Test
    void theNoIncidentModalKeepsSlacksRules() {
        assertEquals(List.of(), BlockKit.viewViolations(json(AddToTimelineModal.noOpenIncident()), "modal"));
        assertEquals(List.of(), BlockKit.viewViolations(json(SignInModal.withLink("https://scribe.example.com/signin?token=x",
                10)), "modal"));
    }

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

package dev.scribe.slack.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.slack.view.DeclareModal.Origin;
import dev.scribe.testing.BlockKit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The declare modal keeps Slack's view rules whatever is open, and carries its origin to the submission. */
class DeclareModalTest {

    private static final Gson SLACK_JSON = GsonFactory.createSnakeCase();

    private static Incident incident(int number, String title, String channel) {
        return new Incident(number, title, Severity.SEV2, Status.INVESTIGATING, channel, "C0OPS", "U01ALICE", "U01ALICE",
                Instant.parse("2025-03-18T09:13:00Z"), null, null, null, 0);
    }

    private static JsonObject json(List<Incident> open, boolean offerPrivate) {
        JsonElement view = SLACK_JSON.toJsonTree(DeclareModal.build(open, Severity.SEV3, offerPrivate,
                new Origin("C0OPS", "https://hooks.slack.com/commands/T0/1/abc")));
        assertEquals(List.of(), BlockKit.viewViolations(view, "modal"));
        return view.getAsJsonObject();
    }

    private static List<String> blockIds(JsonObject view) {
        List<String> ids = new ArrayList<>();
        view.getAsJsonArray("blocks").forEach(b -> {
            if (b.getAsJsonObject().has("block_id")) {
                ids.add(b.getAsJsonObject().get("block_id").getAsString());
            }
        });
        return ids;
    }

    @Test
    void withNothingOpenTheFormIsTitleSeverityAndWhatIsKnown() {
        JsonObject view = json(List.of(), false);
        assertEquals(DeclareModal.CALLBACK_ID, view.get("callback_id").getAsString());
        assertEquals(List.of(DeclareModal.TITLE_BLOCK, DeclareModal.SEVERITY_BLOCK, DeclareModal.KNOWN_BLOCK), blockIds(view));
        JsonObject severity = view.getAsJsonArray("blocks").get(1).getAsJsonObject().getAsJsonObject("element");
        assertEquals("SEV3", severity.getAsJsonObject("initial_option").get("value").getAsString());
        assertEquals(4, severity.getAsJsonArray("options").size());
        JsonObject title = view.getAsJsonArray("blocks").get(0).getAsJsonObject().getAsJsonObject("element");
        assertEquals(100, title.get("max_length").getAsInt(), "the command's limit");
        JsonObject known = view.getAsJsonArray("blocks").get(2).getAsJsonObject();
        assertTrue(known.get("optional").getAsBoolean());
        assertTrue(known.getAsJsonObject("element").get("multiline").getAsBoolean());
    }

    @Test
    void thePrivateChoiceIsThereOnlyWhenOffered() {
        assertTrue(blockIds(json(List.of(), true)).contains(DeclareModal.PRIVATE_BLOCK));
        assertFalse(blockIds(json(List.of(), false)).contains(DeclareModal.PRIVATE_BLOCK));
    }

    @Test
    void openIncidentsAreListedNewestFirstWithTheirChannelAndHostileTitlesStayInert() {
        String text = json(List.of(incident(3, "<!channel> *DB* down & <@U1> `x`", "C0INC3"),
                incident(4, "Checkout errors", "C0INC4")), false).toString();
        assertTrue(text.contains("2 incidents are already open"), text);
        assertTrue(text.indexOf("*4* Checkout errors (SEV2) <#C0INC4>") < text.indexOf("*3* "), text);
        assertTrue(text.contains("&lt;!channel&gt; *DB* down &amp; &lt;@U1&gt;"), text);
        assertFalse(text.contains("<!channel>"), text);
    }

    @Test
    void manyOpenIncidentsOfTheLongestTitlesStayWithinSlacksLimits() {
        String longest = "é".repeat(50) + "😀".repeat(50);
        List<Incident> open = IntStream.rangeClosed(1, 150).mapToObj(n -> incident(n, longest, "C0INC" + n)).toList();
        JsonObject view = json(open, true);
        String text = view.toString();
        assertTrue(text.contains("…and " + (150 - DeclareModal.MAX_LISTED) + " more"), text);
        assertTrue(text.contains("*150* "), "the newest is listed");
        assertFalse(text.contains("*1* "), "the oldest is counted, not listed");
        assertTrue(view.getAsJsonArray("blocks").size() < 100);
    }

    @Test
    void theOriginTravelsInThePrivateMetadataAndForgeriesComeBackAsNowhere() {
        Origin origin = new Origin("C0OPS", "https://hooks.slack.com/commands/T0/1/abc");
        assertEquals(origin, Origin.decode(json(List.of(), false).get("private_metadata").getAsString()));
        assertEquals(Origin.NOWHERE, Origin.decode(Origin.NOWHERE.encode()));
        assertEquals(Origin.NOWHERE, Origin.decode("not json"));
        assertEquals(Origin.NOWHERE, Origin.decode("[1,2]"));
        assertEquals(Origin.NOWHERE, Origin.decode("{\"channel\":\"c0; drop\",\"response_url\":\"javascript:x\"}"));
        assertEquals(Origin.NOWHERE, Origin.decode(null));
    }
}

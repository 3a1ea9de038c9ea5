package dev.scribe.slack.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.testing.BlockKit;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The header's forms within Slack's view rules, whatever the title, and naming their incident and nothing else. */
class IncidentModalsTest {

    private static Incident incident(int number, String title) {
        return new Incident(number, title, Severity.SEV1, Status.INVESTIGATING, "C0INC", "C0OPS", "U1", "U1",
                Instant.parse("2026-12-01T19:16:00Z"), null, null, "1764616560.000100", 0);
    }

    private static JsonElement json(View view) {
        return GsonFactory.createSnakeCase().toJsonTree(view);
    }

    @Test
    void everyFormKeepsSlacksViewRulesWithTheLongestAndMostHostileTitles() {
        List<Function<Incident, View>> forms = List.of(NoteModal::of, ActionItemModal::of, CloseModal::of);
        for (String title : List.of("🔥".repeat(100), "<!channel> <@U1> & <https://evil.example|x> *bold* `code`", "x")) {
            for (Function<Incident, View> form : forms) {
                View view = form.apply(incident(123456789, title));
                JsonElement json = json(view);
                assertEquals(List.of(), BlockKit.viewViolations(json, "modal"), title + ": " + json);
                assertFalse(json.toString().contains("<!channel>"), "the title pings nobody: " + json);
                assertEquals("123456789", view.getPrivateMetadata(), "the form names its incident and nothing else");
            }
        }
    }

    @Test
    void eachFormHasItsCallbackItsInputsAndTheCommandsLengthLimit() {
        View note = NoteModal.of(incident(4, "x"));
        assertEquals("incident_note_modal", note.getCallbackId());
        assertTrue(json(note).toString().contains("\"block_id\":\"incident_note_text\""));
        assertTrue(json(note).toString().contains("\"max_length\":3000"));
        View action = ActionItemModal.of(incident(4, "x"));
        assertEquals("incident_action_modal", action.getCallbackId());
        assertTrue(json(action).toString().contains("\"type\":\"users_select\""), json(action).toString());
        View close = CloseModal.of(incident(4, "x"));
        assertEquals("incident_close_modal", close.getCallbackId());
        assertEquals("Close incident", close.getSubmit().getText());
        assertTrue(json(close).toString().contains("\"optional\":true"), "the resolution is optional");
    }

    @Test
    void aFormsIncidentIsReadOnlyFromANumber() {
        assertEquals(OptionalInt.of(4), IncidentModals.incidentNumber("4"));
        for (String bad : new String[] {null, "", "x", "4:5", "C0INC", "-4", "0", "{\"incident\":4}"}) {
            assertEquals(OptionalInt.empty(), IncidentModals.incidentNumber(bad), String.valueOf(bad));
        }
    }
}

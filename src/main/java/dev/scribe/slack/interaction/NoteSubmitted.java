package dev.scribe.slack.interaction;

import com.slack.api.model.view.ViewState;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.NoteModal;
import java.util.Map;

/** The note form ({@code incident_note_modal}): what {@code /incident note <text>} records and answers. */
public final class NoteSubmitted extends IncidentFormSubmitted {

    public NoteSubmitted(IncidentControls controls) {
        super(controls);
    }

    @Override
    String mainBlock() {
        return NoteModal.TEXT_BLOCK;
    }

    @Override
    void submit(int number, String user, Map<String, Map<String, ViewState.Value>> values) {
        String text = text(values, NoteModal.TEXT_BLOCK, "note")
                .orElseThrow(() -> new FieldError(NoteModal.TEXT_BLOCK, "A note needs text."));
        Incident incident = controls.incidents().requireOpen(number);
        controls.incidents().note(number, user, text);
        controls.recorded(incident, controls.replies().noteAdded(user, text));
    }
}

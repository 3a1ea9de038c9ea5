package dev.scribe.slack.interaction;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.NoteModal;

/** The {@code incident_add_note} button, on the header and the reminders: opens the note form ({@code /incident note <text>}). */
public final class AddNoteClicked extends IncidentFormButton {

    public AddNoteClicked(IncidentControls controls) {
        super(controls);
    }

    @Override
    View form(Incident incident) {
        return NoteModal.of(incident);
    }
}

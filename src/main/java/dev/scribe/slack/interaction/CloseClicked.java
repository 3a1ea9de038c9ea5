package dev.scribe.slack.interaction;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.CloseModal;

/** The {@code incident_close} button, on the header and the reminders: opens the close form ({@code /incident close [resolution]}). */
public final class CloseClicked extends IncidentFormButton {

    public CloseClicked(IncidentControls controls) {
        super(controls);
    }

    @Override
    View form(Incident incident) {
        return CloseModal.of(incident);
    }
}

package dev.scribe.slack.interaction;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.ActionItemModal;

/** The {@code incident_add_action} button, on the header and the reminders: opens the action item form ({@code /incident action <text> [@owner]}). */
public final class AddActionClicked extends IncidentFormButton {

    public AddActionClicked(IncidentControls controls) {
        super(controls);
    }

    @Override
    View form(Incident incident) {
        return ActionItemModal.of(incident);
    }
}

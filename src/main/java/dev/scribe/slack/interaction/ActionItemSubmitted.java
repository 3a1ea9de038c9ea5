package dev.scribe.slack.interaction;

import com.slack.api.model.view.ViewState;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.ActionItemModal;
import java.util.Map;
import java.util.Optional;

/** The action item form ({@code incident_action_modal}): what {@code /incident action <text> [@owner]} records. */
public final class ActionItemSubmitted extends IncidentFormSubmitted {

    public ActionItemSubmitted(IncidentControls controls) {
        super(controls);
    }

    @Override
    String mainBlock() {
        return ActionItemModal.TEXT_BLOCK;
    }

    @Override
    void submit(int number, String user, Map<String, Map<String, ViewState.Value>> values) {
        String text = text(values, ActionItemModal.TEXT_BLOCK, "action item")
                .orElseThrow(() -> new FieldError(ActionItemModal.TEXT_BLOCK, "An action item needs text."));
        Optional<String> owner = user(values, ActionItemModal.OWNER_BLOCK);
        Incident incident = controls.incidents().requireOpen(number);
        controls.incidents().action(number, user, text, owner);
        controls.recorded(incident, controls.replies().actionAdded(user, text, owner));
    }
}

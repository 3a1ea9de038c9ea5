package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Status;

/** The status select ({@code incident_status}): what {@code /incident status <status>} records. */
public final class StatusChosen extends IncidentControlHandler {

    public StatusChosen(IncidentControls controls) {
        super(controls);
    }

    @Override
    void act(Incident incident, BlockActionPayload.Action action, String user, BlockActionPayload payload) {
        Status status = Status.parse(action.getSelectedOption() == null ? null : action.getSelectedOption().getValue())
                .orElseThrow(() -> new IncidentControls.MalformedControl("no status chosen"));
        Incident changed = controls.incidents().status(incident.number(), user, status);
        controls.recorded(changed, controls.replies().statusSet(user, status));
    }
}

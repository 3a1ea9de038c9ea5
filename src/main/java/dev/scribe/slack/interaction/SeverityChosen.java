package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import dev.scribe.incident.Incident;
import dev.scribe.incident.Severity;

/** The severity select ({@code incident_severity}): what {@code /incident sev <1-4>} records. */
public final class SeverityChosen extends IncidentControlHandler {

    public SeverityChosen(IncidentControls controls) {
        super(controls);
    }

    @Override
    void act(Incident incident, BlockActionPayload.Action action, String user, BlockActionPayload payload) {
        Severity severity = Severity.parse(action.getSelectedOption() == null ? null
                : action.getSelectedOption().getValue())
                .orElseThrow(() -> new IncidentControls.MalformedControl("no severity chosen"));
        Incident changed = controls.incidents().severity(incident.number(), user, severity);
        controls.recorded(changed, controls.replies().severitySet(user, severity));
    }
}

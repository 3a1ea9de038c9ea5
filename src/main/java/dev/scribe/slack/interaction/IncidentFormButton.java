package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.slack.SlackCallException;

/**
 * A button that opens a form of an open incident, right away with the click's trigger (a trigger lives 3 seconds).
 * The form's submission does the work; a closed incident's button opens nothing and says so.
 */
abstract class IncidentFormButton extends IncidentControlHandler {

    IncidentFormButton(IncidentControls controls) {
        super(controls);
    }

    /** The form for this incident. */
    abstract View form(Incident incident);

    @Override
    final void act(Incident incident, BlockActionPayload.Action action, String user, BlockActionPayload payload) {
        if (payload.getTriggerId() == null) {
            throw new IncidentControls.MalformedControl("a button click without a trigger");
        }
        try {
            controls.open(payload.getTriggerId(), form(incident));
        } catch (SlackCallException e) {
            throw new IncidentException("Slack did not open the form (" + e.error() + "); nothing was changed. "
                    + "Try again, or use the matching `/incident` command.");
        }
    }
}

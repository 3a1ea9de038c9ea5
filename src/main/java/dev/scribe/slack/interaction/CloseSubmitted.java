package dev.scribe.slack.interaction;

import com.slack.api.model.view.ViewState;
import dev.scribe.incident.Incident;
import dev.scribe.slack.view.CloseModal;
import java.util.Map;

/**
 * The close form ({@code incident_close_modal}), its submit the confirmation: what {@code /incident close [resolution]}
 * records, then the report is compiled and posted after the ack.
 */
public final class CloseSubmitted extends IncidentFormSubmitted {

    public CloseSubmitted(IncidentControls controls) {
        super(controls);
    }

    @Override
    String mainBlock() {
        return CloseModal.RESOLUTION_BLOCK;
    }

    @Override
    void submit(int number, String user, Map<String, Map<String, ViewState.Value>> values) {
        String resolution = text(values, CloseModal.RESOLUTION_BLOCK, "resolution").orElse(null);
        Incident closed = controls.incidents().close(number, user, resolution);
        controls.closed(closed, controls.replies().closed(user, closed));
    }
}

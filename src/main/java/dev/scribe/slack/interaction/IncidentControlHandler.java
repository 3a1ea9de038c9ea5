package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every control of a message shares: find the open incident its block names, act, acknowledge. A control
 * of a closed incident or an outdated header is answered to the clicker alone and changes nothing; a malformed one is
 * acknowledged and ignored, never a 5xx.
 */
abstract class IncidentControlHandler implements BlockActionHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentControlHandler.class);

    final IncidentControls controls;

    IncidentControlHandler(IncidentControls controls) {
        this.controls = controls;
    }

    /** Does what the control is for, on an open incident, as {@code user}. */
    abstract void act(Incident incident, BlockActionPayload.Action action, String user, BlockActionPayload payload);

    @Override
    public final Response apply(BlockActionRequest request, ActionContext ctx) {
        BlockActionPayload payload = request.getPayload();
        if (payload == null || payload.getActions() == null || payload.getActions().isEmpty()) {
            return ctx.ack();
        }
        BlockActionPayload.Action action = payload.getActions().get(0);
        try {
            String user = IncidentControls.userOf(payload);
            act(controls.incidentOf(payload, action), action, user, payload);
        } catch (IncidentException e) {
            controls.refuse(ctx, e.getMessage());
        } catch (IncidentControls.MalformedControl e) {
            log.info("Ignored a malformed use of {}: {}", getClass().getSimpleName(), e.getMessage());
        } catch (RuntimeException e) {
            controls.failed(ctx, getClass().getSimpleName(), e);
        }
        return ctx.ack();
    }
}

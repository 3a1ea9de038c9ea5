package dev.scribe.slack.interaction;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.UserText;
import dev.scribe.slack.CommandReplies;
import dev.scribe.slack.SlackIds;
import dev.scribe.slack.view.IncidentModals;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part every form of an incident shares when submitted: the incident from its private_metadata, the values typed,
 * and the answer. A refusal (the incident closed meanwhile, a text too long) is an inline error on the form's main
 * field and changes nothing; a submission missing what the form always sends is a 400, never a 5xx.
 */
abstract class IncidentFormSubmitted implements ViewSubmissionHandler {

    private static final Logger log = LoggerFactory.getLogger(IncidentFormSubmitted.class);

    final IncidentControls controls;

    IncidentFormSubmitted(IncidentControls controls) {
        this.controls = controls;
    }

    /** A refusal shown under one field of the form. */
    static final class FieldError extends RuntimeException {
        final String blockId;

        FieldError(String blockId, String message) {
            super(message, null, false, false);
            this.blockId = blockId;
        }
    }

    /** The form's main field, under which a refusal of the whole form is shown. */
    abstract String mainBlock();

    /** Does what the form is for; its text values are read with {@link #text} and {@link #user}. */
    abstract void submit(int number, String user, Map<String, Map<String, ViewState.Value>> values);

    @Override
    public final Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        View view = payload == null ? null : payload.getView();
        OptionalInt number = view == null ? OptionalInt.empty() : IncidentModals.incidentNumber(view.getPrivateMetadata());
        if (number.isEmpty() || payload.getUser() == null || payload.getUser().getId() == null) {
            log.info("Refused a submission of {} that names no incident or no one", getClass().getSimpleName());
            return badRequest();
        }
        Map<String, Map<String, ViewState.Value>> values = view.getState() == null || view.getState().getValues() == null
                ? Map.of() : view.getState().getValues();
        if (!values.containsKey(mainBlock())) {
            log.info("Refused a submission of {} without its field {}", getClass().getSimpleName(), mainBlock());
            return badRequest();
        }
        try {
            submit(number.getAsInt(), payload.getUser().getId(), values);
            return ctx.ack();
        } catch (FieldError e) {
            return ctx.ackWithErrors(Map.of(e.blockId, e.getMessage()));
        } catch (IncidentException e) {
            return ctx.ackWithErrors(Map.of(mainBlock(), e.getMessage()));
        } catch (RuntimeException e) {
            String ref = CommandReplies.newReference();
            log.error("{} failed [ref {}]", getClass().getSimpleName(), ref, e);
            return ctx.ackWithErrors(Map.of(mainBlock(), "Something went wrong on my side (ref " + ref
                    + "); nothing was changed."));
        }
    }

    /**
     * The text typed into a field, in Slack's encoding (as commands' texts arrive, so it is shown escaped like them),
     * empty when none; longer than a command accepts is a refusal under the field.
     */
    static Optional<String> text(Map<String, Map<String, ViewState.Value>> values, String blockId, String what) {
        Optional<String> typed = value(values, blockId).map(ViewState.Value::getValue).map(String::strip)
                .filter(t -> !t.isEmpty());
        typed.ifPresent(t -> {
            int length = t.codePointCount(0, t.length());
            if (length > IncidentModals.MAX_TEXT) {
                throw new FieldError(blockId, "The " + what + " is " + length + " characters long; the limit is "
                        + IncidentModals.MAX_TEXT + ".");
            }
        });
        return typed.map(UserText::asSlackMarkup);
    }

    /** The person chosen in a users select, if one was (and is shaped like a Slack user). */
    static Optional<String> user(Map<String, Map<String, ViewState.Value>> values, String blockId) {
        return value(values, blockId).map(ViewState.Value::getSelectedUser).filter(SlackIds::isValid);
    }

    private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String blockId) {
        Map<String, ViewState.Value> byAction = values.get(blockId);
        return byAction == null ? Optional.empty() : byAction.values().stream().filter(v -> v != null).findFirst();
    }

    private static Response badRequest() {
        return Response.builder().statusCode(400).contentType("text/plain; charset=utf-8")
                .body("This form submission does not name an incident and its fields.").build();
    }
}

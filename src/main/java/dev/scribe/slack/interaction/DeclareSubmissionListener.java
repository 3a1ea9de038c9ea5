package dev.scribe.slack.interaction;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.scribe.incident.Declaration;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.incident.UserText;
import dev.scribe.slack.Declarations;
import dev.scribe.slack.view.DeclareModal;
import dev.scribe.slack.view.DeclareModal.Origin;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declare form submitted ({@code declare_incident_modal}). Checked before the ack: a title that is empty or too
 * long, or a text over its limit, comes back as an error on its field ({@code response_action: errors}) and nothing
 * is created. A valid form is claimed by its view id, so the same submission twice (a retry, a replay) opens one
 * incident; the ack closes the modal, and the incident is opened after it.
 */
public final class DeclareSubmissionListener implements ViewSubmissionHandler {

    private final Declarations declarations;

    public DeclareSubmissionListener(Declarations declarations) {
        this.declarations = declarations;
    }

    @Override
    public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        View view = payload.getView();
        if (payload.getUser() == null || view == null || view.getId() == null) {
            return Interactions.malformed("a declare form submitted without its user or view id");
        }
        if (view.getState() == null || view.getState().getValues() == null) {
            return Interactions.malformed("a declare form submitted without its state");
        }
        Map<String, Map<String, ViewState.Value>> values = view.getState().getValues();
        Map<String, String> errors = new LinkedHashMap<>();
        String title = text(values, DeclareModal.TITLE_BLOCK, DeclareModal.TITLE_ACTION);
        titleError(title).ifPresent(e -> errors.put(DeclareModal.TITLE_BLOCK, e));
        Optional<Severity> severity = value(values, DeclareModal.SEVERITY_BLOCK, DeclareModal.SEVERITY_ACTION)
                .map(ViewState.Value::getSelectedOption)
                .flatMap(o -> Optional.ofNullable(o.getValue()))
                .flatMap(DeclareSubmissionListener::severity);
        if (severity.isEmpty()) {
            errors.put(DeclareModal.SEVERITY_BLOCK, "Choose a severity.");
        }
        String known = text(values, DeclareModal.KNOWN_BLOCK, DeclareModal.KNOWN_ACTION);
        try {
            IncidentService.checkKnownSoFar(known);
        } catch (IncidentException e) {
            int length = known.strip().codePointCount(0, known.strip().length());
            errors.put(DeclareModal.KNOWN_BLOCK, "This is " + length + " characters long; the limit is "
                    + IncidentService.MAX_KNOWN_LENGTH + ". Add the rest in the incident's channel.");
        }
        boolean privateChannel = isPrivate(values);
        if (privateChannel && !declarations.offersPrivate()) {
            errors.put(DeclareModal.PRIVATE_BLOCK, "Private incidents are not available here.");
        }
        Origin origin = Origin.decode(view.getPrivateMetadata());
        if (errors.isEmpty()) {
            try {
                declarations.requireCanOpen(origin);
            } catch (IncidentException e) {
                errors.put(DeclareModal.TITLE_BLOCK, e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            return ctx.ackWithErrors(errors);
        }
        if (declarations.firstSubmission(view.getId())) {
            declarations.declareAfterAck(new Declaration(title, severity.get(), known), privateChannel, origin,
                    payload.getUser().getId());
        }
        return ctx.ack();
    }

    /** The inline error of a title, as the command words it, without the command's own advice. */
    private static Optional<String> titleError(String title) {
        String line = UserText.oneLine(title);
        if (line.isEmpty()) {
            return Optional.of("An incident needs a title.");
        }
        int length = line.codePointCount(0, line.length());
        if (length > IncidentService.MAX_TITLE_LENGTH) {
            return Optional.of("The title is " + length + " characters long; the limit is "
                    + IncidentService.MAX_TITLE_LENGTH + ". Put the details under What is known so far.");
        }
        return Optional.empty();
    }

    private static Optional<Severity> severity(String value) {
        for (Severity s : Severity.values()) {
            if (s.name().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private static boolean isPrivate(Map<String, Map<String, ViewState.Value>> values) {
        List<ViewState.SelectedOption> chosen = value(values, DeclareModal.PRIVATE_BLOCK, DeclareModal.PRIVATE_ACTION)
                .map(ViewState.Value::getSelectedOptions).orElse(List.of());
        return chosen != null && chosen.stream().anyMatch(o -> DeclareModal.PRIVATE_VALUE.equals(o.getValue()));
    }

    private static String text(Map<String, Map<String, ViewState.Value>> values, String block, String action) {
        return value(values, block, action).map(ViewState.Value::getValue).orElse("");
    }

    private static Optional<ViewState.Value> value(Map<String, Map<String, ViewState.Value>> values, String block,
                                                   String action) {
        Map<String, ViewState.Value> byAction = values.get(block);
        return byAction == null ? Optional.empty() : Optional.ofNullable(byAction.get(action));
    }
}

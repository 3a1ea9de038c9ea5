package dev.scribe.slack.interaction;

import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.app_backend.views.response.ViewSubmissionResponse;
import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.handler.builtin.ViewSubmissionHandler;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import dev.scribe.incident.AddedMessage;
import dev.scribe.incident.AddedToTimeline;
import dev.scribe.incident.EntryKind;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.Mrkdwn;
import dev.scribe.slack.SlackTs;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.view.AddToTimelineModal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The submitted "Add to timeline" form: the message goes on the chosen incident's timeline (stored before the ack, so
 * an acknowledged form is never lost); a closed incident or a note over the limit is an inline error on its field and
 * changes nothing. After the ack: Slack's link to the message, the pinned header, and a word to the person.
 */
public final class AddToTimelineSubmission implements ViewSubmissionHandler {

    static final String EXPIRED = "This form has expired. Use *Add to incident timeline* on the message again.";
    static final String CHOOSE_INCIDENT = "Choose the incident to add the message to.";
    static final String CHOOSE_KIND = "Choose what kind of moment the message is.";

    private static final Logger log = LoggerFactory.getLogger(AddToTimelineSubmission.class);

    private final IncidentService incidents;
    private final Surfaces surfaces;
    private final PendingTexts pending;
    private final Executor executor;
    private final IntConsumer timingsChanged;

    AddToTimelineSubmission(IncidentService incidents, Surfaces surfaces, PendingTexts pending, Executor executor,
                            IntConsumer timingsChanged) {
        this.incidents = incidents;
        this.surfaces = surfaces;
        this.pending = pending;
        this.executor = executor;
        this.timingsChanged = timingsChanged;
    }

    @Override
    public Response apply(ViewSubmissionRequest request, ViewSubmissionContext ctx) {
        ViewSubmissionPayload payload = request.getPayload();
        View view = payload.getView();
        if (view == null || payload.getUser() == null || payload.getUser().getId() == null) {
            return Interactions.malformed("an add_to_timeline form submission without its view or user");
        }
        Optional<ShortcutMessage> message = ShortcutMessage.fromMetadata(view.getPrivateMetadata(), pending);
        if (message.isEmpty()) {
            return error(ctx, AddToTimelineModal.INCIDENT_BLOCK, EXPIRED);
        }
        Map<String, Map<String, ViewState.Value>> values = view.getState() == null || view.getState().getValues() == null
                ? Map.of() : view.getState().getValues();
        Optional<Integer> number = selected(values, AddToTimelineModal.INCIDENT_BLOCK, AddToTimelineModal.INCIDENT_ACTION)
                .flatMap(AddToTimelineSubmission::number);
        if (number.isEmpty()) {
            return error(ctx, AddToTimelineModal.INCIDENT_BLOCK, CHOOSE_INCIDENT);
        }
        Optional<EntryKind> kind = selected(values, AddToTimelineModal.KIND_BLOCK, AddToTimelineModal.KIND_ACTION)
                .flatMap(EntryKind::parseMarkable);
        if (kind.isEmpty()) {
            return error(ctx, AddToTimelineModal.KIND_BLOCK, CHOOSE_KIND);
        }
        String note = value(values, AddToTimelineModal.NOTE_BLOCK, AddToTimelineModal.NOTE_ACTION).orElse(null);
        if (note != null && note.codePointCount(0, note.length()) > AddToTimelineModal.MAX_NOTE) {
            return error(ctx, AddToTimelineModal.NOTE_BLOCK, "The note is " + note.codePointCount(0, note.length())
                    + " characters long; the limit is " + AddToTimelineModal.MAX_NOTE + ".");
        }
        ShortcutMessage m = message.get();
        String user = payload.getUser().getId();
        Instant postedAt = SlackTs.toInstant(m.ts());
        AddedMessage added = new AddedMessage(m.channelId(), m.ts(), m.threadTs(), m.authorId(), m.text(), postedAt,
                kind.get(), user, note, null);
        AddedToTimeline outcome;
        try {
            outcome = incidents.addToTimeline(number.get(), added);
        } catch (IncidentException e) {
            return error(ctx, AddToTimelineModal.INCIDENT_BLOCK, e.getMessage());
        }
        int incident = number.get();
        executor.execute(() -> afterAck(incident, added, outcome, m.responseUrl()));
        return ctx.ack();
    }

    private void afterAck(int number, AddedMessage added, AddedToTimeline outcome, String responseUrl) {
        try {
            if (outcome == AddedToTimeline.ADDED) {
                surfaces.permalink(added.channelId(), added.ts())
                        .ifPresent(link -> incidents.addedPermalink(number, added.channelId(), added.ts(), link));
            }
            if (outcome != AddedToTimeline.ALREADY_THERE && added.kind().movesKeyTiming()) {
                timingsChanged.accept(number);
            }
        } catch (RuntimeException e) {
            // The entry is stored; a missing link or a stale header is an inconvenience, not a loss.
            log.warn("After adding a message to incident {}: {}", number, e.toString());
        }
        surfaces.tellPrivately(responseUrl, confirmation(number, added, outcome));
    }

    static String confirmation(int number, AddedMessage added, AddedToTimeline outcome) {
        String when = Mrkdwn.date(added.postedAt(), "{date_short_pretty} {time}", added.postedAt().toString());
        return switch (outcome) {
            case ADDED -> ":white_check_mark: Added to the timeline of *incident " + number + "* as "
                    + added.kind().label() + ", at the message's own time (" + when + ").";
            case MARKED -> ":white_check_mark: Marked as " + added.kind().label() + " on the timeline of *incident "
                    + number + "*, as a reaction would (" + when + ").";
            case ALREADY_THERE -> "That message is on the timeline of *incident " + number + "* already; nothing changed.";
        };
    }

    private static Response error(ViewSubmissionContext ctx, String blockId, String text) {
        return ctx.ack(ViewSubmissionResponse.builder().responseAction("errors").errors(Map.of(blockId, text)).build());
    }

    private static Optional<String> selected(Map<String, Map<String, ViewState.Value>> values, String block, String action) {
        ViewState.Value v = values.getOrDefault(block, Map.of()).get(action);
        return v == null || v.getSelectedOption() == null ? Optional.empty()
                : Optional.ofNullable(v.getSelectedOption().getValue());
    }

    private static Optional<String> value(Map<String, Map<String, ViewState.Value>> values, String block, String action) {
        ViewState.Value v = values.getOrDefault(block, Map.of()).get(action);
        return v == null || v.getValue() == null || v.getValue().isBlank() ? Optional.empty() : Optional.of(v.getValue());
    }

    private static Optional<Integer> number(String value) {
        if (!value.matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value));
    }
}

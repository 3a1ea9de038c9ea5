package dev.scribe.slack.interaction;

import com.slack.api.app_backend.interactive_components.payload.MessageShortcutPayload;
import com.slack.api.bolt.context.builtin.MessageShortcutContext;
import com.slack.api.bolt.handler.builtin.MessageShortcutHandler;
import com.slack.api.bolt.request.builtin.MessageShortcutRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.SlackCallException;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.view.AddToTimelineModal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Add to incident timeline" message shortcut: opens its form on the message at once (a trigger dies 3 s after
 * Slack issues it), or, with no incident open, a modal saying how to declare one.
 */
public final class AddToTimelineShortcut implements MessageShortcutHandler {

    /** Slack's limit on a view's private_metadata. */
    static final int MAX_METADATA = 3000;

    private static final Logger log = LoggerFactory.getLogger(AddToTimelineShortcut.class);

    private final IncidentService incidents;
    private final Surfaces surfaces;
    private final PendingTexts pending;
    private final Executor executor;

    AddToTimelineShortcut(IncidentService incidents, Surfaces surfaces, PendingTexts pending, Executor executor) {
        this.incidents = incidents;
        this.surfaces = surfaces;
        this.pending = pending;
        this.executor = executor;
    }

    @Override
    public Response apply(MessageShortcutRequest request, MessageShortcutContext ctx) {
        MessageShortcutPayload payload = request.getPayload();
        Optional<ShortcutMessage> message = ShortcutMessage.of(payload);
        if (message.isEmpty() || payload.getTriggerId() == null) {
            return Interactions.malformed("an add_to_timeline shortcut without the message, channel or trigger Slack always sends");
        }
        ShortcutMessage m = message.get();
        List<Incident> open = incidents.listOpen();
        View view = open.isEmpty() ? AddToTimelineModal.noOpenIncident()
                : AddToTimelineModal.form(open, m.channelId(), m.authorId(), m.text(), m.toMetadata(pending, MAX_METADATA));
        try {
            surfaces.openModal(payload.getTriggerId(), view);
        } catch (SlackCallException e) {
            log.warn("Could not open the add_to_timeline form: {}", e.error());
            executor.execute(() -> surfaces.tellPrivately(m.responseUrl(), "Slack did not let me open the form ("
                    + e.error() + "). Use *Add to incident timeline* on the message again."));
        }
        return ctx.ack();
    }
}

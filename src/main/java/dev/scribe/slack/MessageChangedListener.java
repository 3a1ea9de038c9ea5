package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageChangedEvent;
import dev.scribe.incident.IncidentService;
import java.time.Instant;

/**
 * {@code message_changed}: an edit replaces the text the reports show; the earlier text is kept. Slack
 * also sends this event when only a thread's reply count or an unfurl changes; the text is then the same
 * and nothing is written.
 */
final class MessageChangedListener implements BoltEventHandler<MessageChangedEvent> {

    private final IncidentService incidents;

    MessageChangedListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public Response apply(EventsApiPayload<MessageChangedEvent> payload, EventContext ctx) {
        MessageChangedEvent e = payload.getEvent();
        MessageChangedEvent.Message m = e.getMessage();
        if (m == null || !SlackIds.isValid(e.getChannel()) || !SlackTs.isValid(m.getTs()) || m.getBotId() != null) {
            return ctx.ack();
        }
        Instant editedAt = m.getEdited() != null && SlackTs.isValid(m.getEdited().getTs())
                ? SlackTs.toInstant(m.getEdited().getTs())
                : SlackTs.isValid(e.getEventTs()) ? SlackTs.toInstant(e.getEventTs()) : Instant.now();
        return StoreThenAck.run(ctx, "edit of " + m.getTs(), () -> incidents.edit(e.getChannel(), m.getTs(), m.getText(), editedAt));
    }
}

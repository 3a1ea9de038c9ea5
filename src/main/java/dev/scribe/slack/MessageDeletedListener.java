package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageDeletedEvent;
import dev.scribe.incident.IncidentService;

/** {@code message_deleted}: the message leaves every report (it stays in storage). */
final class MessageDeletedListener implements BoltEventHandler<MessageDeletedEvent> {

    private final IncidentService incidents;

    MessageDeletedListener(IncidentService incidents) {
        this.incidents = incidents;
    }

    @Override
    public Response apply(EventsApiPayload<MessageDeletedEvent> payload, EventContext ctx) {
        MessageDeletedEvent e = payload.getEvent();
        if (!SlackIds.isValid(e.getChannel()) || !SlackTs.isValid(e.getDeletedTs())) {
            return ctx.ack();
        }
        return StoreThenAck.run(ctx, "deletion of " + e.getDeletedTs(), () -> incidents.delete(e.getChannel(), e.getDeletedTs()));
    }
}

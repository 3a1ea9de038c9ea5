package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageDeletedEvent;
import dev.scribe.incident.IncidentService;
import java.time.Clock;
import java.util.Optional;

/** {@code message_deleted}: the message leaves every report (it stays in storage). */
final class MessageDeletedListener implements BoltEventHandler<MessageDeletedEvent> {

    private final IncidentService incidents;
    private final Clock clock;

    /** @param clock the bot's clock, which tells a believable message time from a bad one */
    MessageDeletedListener(IncidentService incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public Response apply(EventsApiPayload<MessageDeletedEvent> payload, EventContext ctx) {
        Optional<ChangedMessage> checked = ChangedMessage.deleted(payload.getEvent(), clock);
        if (checked.isEmpty()) {
            return ctx.ack();
        }
        ChangedMessage deleted = checked.get();
        return StoreThenAck.run(ctx, "deletion of " + deleted.ts(),
                () -> incidents.delete(deleted.channelId(), deleted.ts()));
    }
}

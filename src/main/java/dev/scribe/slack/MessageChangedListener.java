package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageChangedEvent;
import dev.scribe.incident.IncidentService;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code message_changed}: an edit replaces the text the reports show; the earlier text is kept. Slack
 * also sends this event when only a thread's reply count or an unfurl changes; the text is then the same
 * and nothing is written.
 */
final class MessageChangedListener implements BoltEventHandler<MessageChangedEvent> {

    private final IncidentService incidents;
    private final Clock clock;

    /** @param clock the bot's clock: the time of an edit whose event names no believable one */
    MessageChangedListener(IncidentService incidents, Clock clock) {
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    public Response apply(EventsApiPayload<MessageChangedEvent> payload, EventContext ctx) {
        MessageChangedEvent e = payload.getEvent();
        Optional<ChangedMessage> checked = ChangedMessage.edited(e, clock);
        if (checked.isEmpty()) {
            return ctx.ack();
        }
        ChangedMessage changed = checked.get();
        MessageChangedEvent.Message m = e.getMessage();
        Instant editedAt = ChangedMessage.changedAt(clock, m.getEdited() == null ? null : m.getEdited().getTs(),
                e.getEventTs());
        return StoreThenAck.run(ctx, "edit of " + changed.ts(),
                () -> incidents.edit(changed.channelId(), changed.ts(), m.getText(), editedAt));
    }
}

package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionRemovedEvent;
import dev.scribe.incident.IncidentService;
import java.util.function.IntConsumer;

/** {@code reaction_removed}: removes that person's mark; the message stays marked while others still have it. */
final class ReactionRemovedListener implements BoltEventHandler<ReactionRemovedEvent> {

    private final IncidentService incidents;
    private final IntConsumer timingsChanged;

    ReactionRemovedListener(IncidentService incidents, IntConsumer timingsChanged) {
        this.incidents = incidents;
        this.timingsChanged = timingsChanged;
    }

    @Override
    public Response apply(EventsApiPayload<ReactionRemovedEvent> payload, EventContext ctx) {
        ReactionRemovedEvent e = payload.getEvent();
        if (e.getItem() == null || !"message".equals(e.getItem().getType()) || !SlackIds.isValid(e.getUser())
                || !SlackTs.isValid(e.getItem().getTs()) || !SlackIds.isValid(e.getItem().getChannel())
                || e.getReaction() == null) {
            return ctx.ack();
        }
        String channel = e.getItem().getChannel();
        return StoreThenAck.run(ctx, "removal of " + e.getReaction() + " on " + e.getItem().getTs(), () -> {
            if (incidents.unmark(channel, e.getItem().getTs(), e.getReaction(), e.getUser())) {
                incidents.openIn(channel).ifPresent(i -> timingsChanged.accept(i.number()));
            }
        });
    }
}

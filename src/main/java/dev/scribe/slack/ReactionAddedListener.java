package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Mark;
import java.util.Optional;
import java.util.function.IntConsumer;

/** {@code reaction_added}: a reaction from the table marks the message (stored before the ack). */
public final class ReactionAddedListener implements BoltEventHandler<ReactionAddedEvent> {

    private final IncidentService incidents;
    private final IntConsumer timingsChanged;

    /** @param timingsChanged told the incident number when a key timing may have moved */
    public ReactionAddedListener(IncidentService incidents, IntConsumer timingsChanged) {
        this.incidents = incidents;
        this.timingsChanged = timingsChanged;
    }

    @Override
    public Response apply(EventsApiPayload<ReactionAddedEvent> payload, EventContext ctx) {
        ReactionAddedEvent e = payload.getEvent();
        if (e.getItem() == null || !"message".equals(e.getItem().getType()) || !SlackIds.isValid(e.getUser())
                || !SlackTs.isValid(e.getItem().getTs()) || !SlackIds.isValid(e.getItem().getChannel())
                || e.getReaction() == null) {
            return ctx.ack();
        }
        String channel = e.getItem().getChannel();
        return StoreThenAck.run(ctx, "reaction " + e.getReaction() + " on " + e.getItem().getTs(), () -> {
            Optional<Mark> mark = incidents.mark(channel, e.getItem().getTs(), e.getReaction(), e.getUser());
            if (mark.isPresent() && mark.get().kind().movesKeyTiming()) {
                incidents.openIn(channel).ifPresent(i -> timingsChanged.accept(i.number()));
            }
        });
    }
}

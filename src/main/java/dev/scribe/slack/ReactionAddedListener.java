package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionAddedEvent;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Mark;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntConsumer;

/** {@code reaction_added}: a reaction from the table marks the message (stored before the ack). */
final class ReactionAddedListener implements BoltEventHandler<ReactionAddedEvent> {

    private final IncidentService incidents;
    private final IntConsumer timingsChanged;
    private final Clock clock;

    /**
     * @param timingsChanged told the incident number when a key timing may have moved
     * @param clock          the bot's clock, which tells a believable message time from a bad one
     */
    ReactionAddedListener(IncidentService incidents, IntConsumer timingsChanged, Clock clock) {
        this.incidents = incidents;
        this.timingsChanged = timingsChanged;
        this.clock = clock;
    }

    @Override
    public Response apply(EventsApiPayload<ReactionAddedEvent> payload, EventContext ctx) {
        Optional<ReactionOnMessage> checked = ReactionOnMessage.of(payload.getEvent(), clock);
        if (checked.isEmpty()) {
            return ctx.ack();
        }
        ReactionOnMessage r = checked.get();
        return StoreThenAck.run(ctx, "reaction " + r.reaction() + " on " + r.ts(), () -> {
            Optional<Mark> mark = incidents.mark(r.channelId(), r.ts(), r.reaction(), r.userId());
            if (mark.isPresent() && mark.get().kind().movesKeyTiming()) {
                incidents.openIn(r.channelId()).ifPresent(i -> timingsChanged.accept(i.number()));
            }
        });
    }
}

package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.ReactionRemovedEvent;
import dev.scribe.incident.IncidentService;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntConsumer;

/** {@code reaction_removed}: removes that person's mark; the message stays marked while others still have it. */
final class ReactionRemovedListener implements BoltEventHandler<ReactionRemovedEvent> {

    private final IncidentService incidents;
    private final IntConsumer timingsChanged;
    private final Clock clock;

    /**
     * @param timingsChanged told the incident number when a key timing may have moved
     * @param clock          the bot's clock, which tells a believable message time from a bad one
     */
    ReactionRemovedListener(IncidentService incidents, IntConsumer timingsChanged, Clock clock) {
        this.incidents = incidents;
        this.timingsChanged = timingsChanged;
        this.clock = clock;
    }

    @Override
    public Response apply(EventsApiPayload<ReactionRemovedEvent> payload, EventContext ctx) {
        Optional<ReactionOnMessage> checked = ReactionOnMessage.of(payload.getEvent(), clock);
        if (checked.isEmpty()) {
            return ctx.ack();
        }
        ReactionOnMessage r = checked.get();
        return StoreThenAck.run(ctx, "removal of " + r.reaction() + " on " + r.ts(), () -> {
            if (incidents.unmark(r.channelId(), r.ts(), r.reaction(), r.userId())) {
                incidents.openIn(r.channelId()).ifPresent(i -> timingsChanged.accept(i.number()));
            }
        });
    }
}

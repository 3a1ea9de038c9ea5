package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageMeEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import dev.scribe.logging.LogSafe;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every human message of an incident channel (plain, thread reply, broadcast reply, file share,
 * {@code /me}) <em>before</em> acknowledging it, so an acknowledged message survives a crash. Bots'
 * messages and joins/leaves are not people talking and are left out.
 */
final class MessageListener {

    private static final Logger log = LoggerFactory.getLogger(MessageListener.class);

    private final IncidentService incidents;
    private final Consumer<RecordOutcome> outcomes;

    MessageListener(IncidentService incidents, Consumer<RecordOutcome> outcomes) {
        this.incidents = incidents;
        this.outcomes = outcomes;
    }

    /** Registers the listener for each message shape people produce. */
    void register(App app) {
        app.event(MessageEvent.class, (payload, ctx) -> {
            MessageEvent e = payload.getEvent();
            return record(payload, ctx, e.getBotId(), e.getChannel(), e.getTs(), e.getThreadTs(), e.getUser(), e.getText());
        });
        app.event(MessageThreadBroadcastEvent.class, (payload, ctx) -> {
            MessageThreadBroadcastEvent e = payload.getEvent();
            return record(payload, ctx, null, e.getChannel(), e.getTs(), e.getThreadTs(), e.getUser(), e.getText());
        });
        app.event(MessageFileShareEvent.class, (payload, ctx) -> {
            MessageFileShareEvent e = payload.getEvent();
            return record(payload, ctx, null, e.getChannel(), e.getTs(), e.getThreadTs(), e.getUser(), e.getText());
        });
        app.event(MessageMeEvent.class, (payload, ctx) -> {
            MessageMeEvent e = payload.getEvent();
            return record(payload, ctx, e.getBotId(), e.getChannel(), e.getTs(), null, e.getUser(), e.getText());
        });
    }

    private Response record(EventsApiPayload<?> payload, EventContext ctx, String botId, String channel, String ts,
                            String threadTs, String user, String text) {
        if (botId != null || user == null || channel == null) {
            return ctx.ack();
        }
        java.util.Optional<RecordedMessage> person = PeopleMessages.of(channel, ts, threadTs, user, text);
        if (person.isEmpty()) {
            // Deliberately acknowledged: no retry can make a malformed event storable.
            log.warn("Ignored a message event with a malformed user, channel or ts (event {})",
                    LogSafe.text(payload.getEventId()));
            return ctx.ack();
        }
        RecordedMessage message = person.get();
        return StoreThenAck.run(ctx, "message " + ts + " in " + channel, () -> {
            RecordOutcome outcome = incidents.record(message, payload.getEventId());
            outcomes.accept(outcome);
            if (outcome == RecordOutcome.DUPLICATE) {
                log.debug("Message {} in {} was recorded before (event {})", ts, channel,
                        LogSafe.text(payload.getEventId()));
            } else if (outcome == RecordOutcome.IMPLAUSIBLE_TIME) {
                log.warn("Ignored message {} in {}: no Slack message has that time (before 2013 or more than a day "
                        + "ahead)", ts, channel);
            }
        });
    }
}

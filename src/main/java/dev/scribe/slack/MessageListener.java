package dev.scribe.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageMeEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;

/**
 * Records every human message of an incident channel (plain, thread reply, broadcast reply, file share,
 * {@code /me}) <em>before</em> acknowledging it, so an acknowledged message survives a crash. Bots'
 * messages and joins/leaves are not people talking and are left out ({@link MessageRecorder}). Over HTTP most
 * message events never reach Bolt: {@link DirectMessageEvents} reads them from the signed body; this listener has the
 * rest, and every message event in Socket Mode.
 */
final class MessageListener {

    private final MessageRecorder recorder;

    MessageListener(MessageRecorder recorder) {
        this.recorder = recorder;
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
        recorder.record(payload.getEventId(), botId, channel, ts, threadTs, user, text);
        return ctx.ack();
    }
}

package dev.scribe.slack;

import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import dev.scribe.logging.LogSafe;

/**
 * Events are acknowledged only once what they say is stored: if storing fails, the handler throws
 * {@link EventNotStoredException}, which the HTTP edge answers 503 and Socket Mode leaves unacknowledged, so Slack
 * retries the event later and nothing acknowledged is ever lost.
 */
final class StoreThenAck {

    private StoreThenAck() {
    }

    /** @param what names the event for the log; user text in it is escaped by {@link LogSafe} */
    static Response run(EventContext ctx, String what, Runnable store) {
        try {
            store.run();
        } catch (RuntimeException e) {
            throw new EventNotStoredException(LogSafe.text(what), e);
        }
        return ctx.ack();
    }
}

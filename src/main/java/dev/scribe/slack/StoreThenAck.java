package dev.scribe.slack;

import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events are acknowledged only once what they say is stored: if storing fails, Slack gets a 503 and
 * retries the event later, so nothing acknowledged is ever lost.
 */
final class StoreThenAck {

    private static final Logger log = LoggerFactory.getLogger(StoreThenAck.class);

    private StoreThenAck() {
    }

    static Response run(EventContext ctx, String what, Runnable store) {
        try {
            store.run();
            return ctx.ack();
        } catch (RuntimeException e) {
            log.error("Could not store {}; asking Slack to retry", what, e);
            return Response.builder().statusCode(503).contentType("application/json")
                    .body("{\"error\":\"not stored, retry\"}").build();
        }
    }
}

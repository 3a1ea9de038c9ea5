package dev.scribe.slack.interaction;

import com.slack.api.bolt.response.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the interaction listeners share: the answer to a signed payload that lacks what Slack always sends. */
final class Interactions {

    private static final Logger log = LoggerFactory.getLogger(Interactions.class);

    private Interactions() {
    }

    /** 400, never a 5xx: Slack would retry a request that can never succeed. {@code what} is ours, not the payload's. */
    static Response malformed(String what) {
        log.warn("Refused {}", what);
        return Response.builder().statusCode(400).contentType("application/json")
                .body("{\"error\":\"malformed interaction\"}").build();
    }
}

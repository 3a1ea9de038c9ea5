package dev.scribe.slack.interaction;

import com.slack.api.bolt.response.Response;

/** Answers to interactivity payloads that lack what Slack always sends: a 4xx, never a 5xx Slack would retry. */
final class Refusals {

    private Refusals() {
    }

    static Response malformed() {
        return Response.builder().statusCode(400).contentType("application/json")
                .body("{\"error\":\"malformed interaction payload\"}").build();
    }
}

package dev.scribe.testing;

import com.google.gson.JsonObject;

/** A refusal a method handler throws: answered {@code ok:false} with Slack's error string and any extra fields. */
final class SlackRefusal extends RuntimeException {

    final String error;
    private final JsonObject extra;

    SlackRefusal(String error, JsonObject extra) {
        super(error, null, false, false);
        this.error = error;
        this.extra = extra;
    }

    /** A refusal with nothing but its error string, as most of Slack's are. */
    static SlackRefusal of(String error) {
        return new SlackRefusal(error, null);
    }

    JsonObject toJson() {
        JsonObject o = Json.obj("ok", false, "error", error);
        if (extra != null) {
            extra.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
        }
        return o;
    }
}

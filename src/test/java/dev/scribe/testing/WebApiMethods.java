package dev.scribe.testing;

import com.google.gson.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Web API methods the fake answers, by name. A method is one registration: a handler that takes the call's
 * {@link Params} and returns the fields of the {@code ok:true} answer, or throws a {@link SlackRefusal}. Handlers
 * run one at a time with the {@link FakeWorkspace} locked, as Slack applies each call atomically. A method no one
 * registered is answered {@code unknown_method}, as Slack answers one that does not exist.
 */
final class WebApiMethods {

    /** One Web API method. */
    @FunctionalInterface
    interface Handler {
        JsonObject call(Params params);
    }

    /** A family of methods (chat.*, files.*, ...) that registers its handlers. */
    interface Family {
        void registerIn(WebApiMethods methods);
    }

    private final Map<String, Handler> handlers = new HashMap<>();

    /** Adds {@code name}; a name registered twice is a mistake in the fake. */
    WebApiMethods register(String name, Handler handler) {
        if (handlers.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException(name + " is registered twice");
        }
        return this;
    }

    Optional<Handler> get(String name) {
        return Optional.ofNullable(handlers.get(name));
    }
}

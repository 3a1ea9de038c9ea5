package dev.scribe.slack;

import dev.scribe.outbox.SlackFailure;
import java.time.Duration;

/** A Web API call Slack answered with {@code ok: false}, or that could not be made. */
public class SlackCallException extends SlackFailure {

    public SlackCallException(String method, String error, Throwable cause) {
        this(method, error, null, cause);
    }

    public SlackCallException(String method, String error, Duration retryAfter, Throwable cause) {
        super(method, error, retryAfter, cause);
    }
}

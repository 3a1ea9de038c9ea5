package dev.scribe.slack;

import java.time.Duration;
import java.util.Optional;

/** A Web API call Slack answered with {@code ok: false}, or that could not be made. */
public class SlackCallException extends RuntimeException {

    private final String method;
    private final String error;
    private final Duration retryAfter;

    public SlackCallException(String method, String error, Throwable cause) {
        this(method, error, null, cause);
    }

    public SlackCallException(String method, String error, Duration retryAfter, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
        this.retryAfter = retryAfter;
    }

    /** The Web API method, e.g. {@code chat.postMessage}. */
    public String method() {
        return method;
    }

    /** Slack's error code ({@code channel_not_found}, {@code ratelimited} ...) or a description of the failure. */
    public String error() {
        return error;
    }

    /** How long Slack asked us to wait (HTTP 429 {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package dev.scribe.slack;

/** A Web API call Slack answered with {@code ok: false}, or that could not be made. */
public class SlackCallException extends RuntimeException {

    private final String method;
    private final String error;

    public SlackCallException(String method, String error, Throwable cause) {
        super(method + " failed: " + error, cause);
        this.method = method;
        this.error = error;
    }

    /** The Web API method, e.g. {@code chat.postMessage}. */
    public String method() {
        return method;
    }

    /** Slack's error code ({@code channel_not_found}, {@code ratelimited} ...) or a description of the failure. */
    public String error() {
        return error;
    }
}

package dev.scribe.slack;

/**
 * An event could not be stored, so it must not be acknowledged: the HTTP edge answers 503 and Socket Mode sends no
 * ack, and Slack delivers the event again.
 *
 * <p>Why an exception and not a 503 {@code Response}: with {@code allEventsApiAutoAckEnabled}, Bolt 1.47 treats a
 * handler's non-200 answer as "not handled" and falls through to its auto-ack, so a returned 503 left the process
 * as a 200 and Slack never retried (issue 13). An exception is the one thing Bolt passes on untouched.
 */
public final class EventNotStoredException extends RuntimeException {

    /** The status that makes Slack retry the request: 503, "try again later". */
    public static final int STATUS = 503;

    EventNotStoredException(String what, Throwable cause) {
        super("Could not store " + what + "; Slack will retry it", cause);
    }
}

package dev.scribe.web;

/**
 * Handles some signed Events API bodies without Bolt (see {@code slack.DirectMessageEvents}); everything it does not
 * handle goes to Bolt as before.
 */
@FunctionalInterface
public interface DirectEvents {

    /** Handles nothing: every request goes to Bolt. */
    DirectEvents NONE = body -> false;

    /**
     * Handles the signed body if it is of the kind this handles; true when it did and the event is to be acknowledged
     * (200), false when Bolt is to handle it.
     *
     * @throws dev.scribe.slack.EventNotStoredException when the event could not be stored (answered 503, so Slack
     *                                                  retries it)
     */
    boolean handled(byte[] body);
}

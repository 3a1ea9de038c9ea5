package dev.scribe.web;

/**
 * What the Slack edge tells the metrics: a signed request handed to the bot, and how long the bot took to answer it.
 * Called on every request, so implementations must not allocate or query anything.
 */
public interface SlackRequestMetrics {

    /** Counts nothing: for a server without metrics. */
    SlackRequestMetrics NONE = new SlackRequestMetrics() {
        @Override
        public void received() {
        }

        @Override
        public void answered(long nanos) {
        }
    };

    /** A signed request from Slack, whole, is handed to the bot. */
    void received();

    /** The bot answered that request {@code nanos} after it was handed over (what Slack's 3 seconds measure). */
    void answered(long nanos);
}

package dev.scribe.incident;

/**
 * The slash command invocations received so far, shared by every replica: Slack gives each invocation its own
 * trigger id, so a request carrying one seen before is a replay of a request already acted on.
 */
public interface CommandInvocations {

    /**
     * Records the invocation with this trigger id; false when it was recorded before, by this or any other
     * replica. Invocations are remembered for at least a day, far longer than a signature stays valid.
     */
    boolean claim(String triggerId);
}

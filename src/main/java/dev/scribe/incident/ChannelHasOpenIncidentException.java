package dev.scribe.incident;

/**
 * Thrown by an {@link IncidentStore} that refused to open or reopen an incident because its channel has an open one
 * already: found by the store's own atomic check (a unique key), so it holds when two requests or replicas race.
 * Not meant for users: {@link IncidentService} turns it into the reply.
 */
public final class ChannelHasOpenIncidentException extends RuntimeException {

    private final String channelId;

    public ChannelHasOpenIncidentException(String channelId, Throwable cause) {
        super("Channel " + channelId + " has an open incident already", cause);
        this.channelId = channelId;
    }

    /** The channel that has an open incident. */
    public String channelId() {
        return channelId;
    }
}

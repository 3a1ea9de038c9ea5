package dev.scribe.slack;

import dev.scribe.incident.RecordedMessage;
import java.util.Optional;
import java.util.Set;

/**
 * Which Slack messages are people talking, and the message recorded for each: the one rule for messages received
 * live ({@link MessageListener}) and read back after a gap ({@link ChannelCatchUp}), so both record the same
 * messages, at their own ts. Bots' messages (this one's too), joins, leaves and every other subtype are not.
 */
final class PeopleMessages {

    /** Subtypes that are still a person writing: a reply also sent to the channel, a file shared, a {@code /me}. */
    static final Set<String> PEOPLE_SUBTYPES = Set.of("thread_broadcast", "file_share", "me_message");

    private PeopleMessages() {
    }

    /** True when a message of this subtype (null: a plain message) from this bot (null: none) is a person's. */
    static boolean isPerson(String subtype, String botId) {
        return botId == null && (subtype == null || PEOPLE_SUBTYPES.contains(subtype));
    }

    /**
     * The message to record, or empty when it has no author or a malformed user, channel or ts (no retry makes such a
     * message storable). A thread_ts naming the message itself (a thread's parent) or malformed is left out: a parent
     * is recorded as the top-level message it arrived as.
     */
    static Optional<RecordedMessage> of(String channel, String ts, String threadTs, String user, String text) {
        if (user == null || channel == null || !SlackIds.isValid(user) || !SlackIds.isValid(channel)
                || !SlackTs.isValid(ts)) {
            return Optional.empty();
        }
        String thread = threadTs == null || threadTs.equals(ts) || !SlackTs.isValid(threadTs) ? null : threadTs;
        return Optional.of(new RecordedMessage(channel, ts, thread, user, text == null ? "" : text, SlackTs.toInstant(ts)));
    }
}

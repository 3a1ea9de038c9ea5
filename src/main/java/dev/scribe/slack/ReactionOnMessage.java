package dev.scribe.slack;

import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import dev.scribe.incident.MessageTimes;
import java.time.Clock;
import java.util.Optional;

/**
 * A person's reaction on a message, as {@code reaction_added} and {@code reaction_removed} both carry it: the one check
 * both listeners apply, so an added reaction and its removal are accepted or ignored alike. A reaction on anything
 * but a message, or with a malformed user, channel or ts, or a ts no Slack message can have ({@link MessageTimes}), is
 * ignored: no retry can make it mark anything, so it is acknowledged without being stored.
 */
record ReactionOnMessage(String channelId, String ts, String reaction, String userId) {

    /** The reaction an added-reaction event carries, if it is one the bot can record. */
    static Optional<ReactionOnMessage> of(ReactionAddedEvent e, Clock clock) {
        ReactionAddedEvent.Item item = e.getItem();
        return item == null ? Optional.empty()
                : check(item.getType(), item.getChannel(), item.getTs(), e.getReaction(), e.getUser(), clock);
    }

    /** The reaction a removed-reaction event carries, if it is one the bot can record. */
    static Optional<ReactionOnMessage> of(ReactionRemovedEvent e, Clock clock) {
        ReactionRemovedEvent.Item item = e.getItem();
        return item == null ? Optional.empty()
                : check(item.getType(), item.getChannel(), item.getTs(), e.getReaction(), e.getUser(), clock);
    }

    private static Optional<ReactionOnMessage> check(String itemType, String channelId, String ts, String reaction,
                                                     String userId, Clock clock) {
        if (!"message".equals(itemType) || reaction == null || !SlackIds.isValid(userId) || !SlackIds.isValid(channelId)
                || !SlackTs.isValid(ts) || !MessageTimes.isPlausible(SlackTs.toInstant(ts), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new ReactionOnMessage(channelId, ts, reaction, userId));
    }
}

package dev.scribe.slack;

import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import dev.scribe.incident.MessageTimes;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The message a {@code message_changed} or {@code message_deleted} event is about: the one check both listeners
 * apply, so an edit and a deletion are accepted or ignored alike. A bot's message (never recorded), a malformed
 * channel or ts, or a ts no Slack message can have ({@link MessageTimes}) is ignored and acknowledged: no retry can
 * make it change anything that was stored.
 */
record ChangedMessage(String channelId, String ts) {

    /** The message an edit replaces the text of, if it is one the bot can have recorded. */
    static Optional<ChangedMessage> edited(MessageChangedEvent e, Clock clock) {
        MessageChangedEvent.Message m = e.getMessage();
        return m == null ? Optional.empty() : check(e.getChannel(), m.getTs(), m.getBotId(), clock);
    }

    /** The message a deletion takes out of the reports, if it is one the bot can have recorded. */
    static Optional<ChangedMessage> deleted(MessageDeletedEvent e, Clock clock) {
        MessageDeletedEvent.Message previous = e.getPreviousMessage();
        return check(e.getChannel(), e.getDeletedTs(), previous == null ? null : previous.getBotId(), clock);
    }

    /**
     * When a change happened: the first of {@code slackTimes} (most telling first, e.g. the edit's own ts, then the
     * event's) that is a ts a Slack event can have, else now on {@code clock}.
     */
    static Instant changedAt(Clock clock, String... slackTimes) {
        Instant now = clock.instant();
        for (String ts : slackTimes) {
            if (SlackTs.isValid(ts) && MessageTimes.isPlausible(SlackTs.toInstant(ts), now)) {
                return SlackTs.toInstant(ts);
            }
        }
        return now;
    }

    private static Optional<ChangedMessage> check(String channelId, String ts, String botId, Clock clock) {
        if (botId != null || !SlackIds.isValid(channelId) || !SlackTs.isValid(ts)
                || !MessageTimes.isPlausible(SlackTs.toInstant(ts), clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(new ChangedMessage(channelId, ts));
    }
}

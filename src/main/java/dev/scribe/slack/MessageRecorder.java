package dev.scribe.slack;

import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.logging.LogSafe;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a message event once its fields are read, whichever way it came: through Bolt
 * ({@link MessageListener}, over HTTP and Socket Mode) or read straight from the signed body
 * ({@link DirectMessageEvents}, over HTTP). One rule, so both ways record exactly the same messages.
 */
final class MessageRecorder {

    private static final Logger log = LoggerFactory.getLogger(MessageRecorder.class);

    private final IncidentService incidents;
    private final Consumer<RecordOutcome> outcomes;

    MessageRecorder(IncidentService incidents, Consumer<RecordOutcome> outcomes) {
        this.incidents = incidents;
        this.outcomes = outcomes;
    }

    /**
     * Records the message if a person wrote it in a channel with an open incident. Returns normally when the event
     * may be acknowledged: recorded, recorded before, or nothing to record (a bot's message, no author, malformed
     * ids: no retry can make those storable).
     *
     * @param botId null when the shape has none or a bot id does not disqualify it (a broadcast reply, a file share)
     * @throws EventNotStoredException when storing failed: the event must not be acknowledged, so Slack retries it
     */
    void record(String eventId, String botId, String channel, String ts, String threadTs, String user, String text) {
        if (botId != null || user == null || channel == null) {
            return;
        }
        Optional<RecordedMessage> person = PeopleMessages.of(channel, ts, threadTs, user, text);
        if (person.isEmpty()) {
            log.warn("Ignored a message event with a malformed user, channel or ts (event {})", LogSafe.text(eventId));
            return;
        }
        RecordOutcome outcome;
        try {
            outcome = incidents.record(person.get(), eventId);
        } catch (RuntimeException e) {
            throw new EventNotStoredException(LogSafe.text("message " + ts + " in " + channel), e);
        }
        outcomes.accept(outcome);
        if (outcome == RecordOutcome.DUPLICATE) {
            log.debug("Message {} in {} was recorded before (event {})", ts, channel, LogSafe.text(eventId));
        } else if (outcome == RecordOutcome.IMPLAUSIBLE_TIME) {
            log.warn("Ignored message {} in {}: no Slack message has that time (before 2013 or more than a day ahead)",
                    ts, channel);
        }
    }
}

package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each pair of listeners (reaction added and removed; message changed and deleted) applies one check, so the two of a
 * pair accept and refuse exactly the same events.
 */
class PairedEventChecksTest {

    private static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String TS = (NOW.getEpochSecond() - 60) + ".000100";

    @ParameterizedTest(name = "[{index}] type={0} channel={1} ts={2} reaction={3} user={4}: {5}")
    @CsvSource(nullValues = "null", value = {
            "message, C0OPS, 1793534340.000100, rotating_light, U01ALICE, true",
            "file,    C0OPS, 1793534340.000100, rotating_light, U01ALICE, false",
            "null,    C0OPS, 1793534340.000100, rotating_light, U01ALICE, false",
            "message, c0ops, 1793534340.000100, rotating_light, U01ALICE, false",
            "message, null,  1793534340.000100, rotating_light, U01ALICE, false",
            "message, C0OPS, 1793534340.000100, rotating_light, u01alice, false",
            "message, C0OPS, 1793534340.000100, rotating_light, null,     false",
            "message, C0OPS, 1793534340.000100, null,           U01ALICE, false",
            "message, C0OPS, 1793534340.0001x,  rotating_light, U01ALICE, false",
            "message, C0OPS, null,              rotating_light, U01ALICE, false",
            "message, C0OPS, 1.000100,          rotating_light, U01ALICE, false",
            "message, C0OPS, 9999999999.000100, rotating_light, U01ALICE, false",
    })
    void aReactionAndItsRemovalAreCheckedAlike(String type, String channel, String ts, String reaction, String user,
                                               boolean accepted) {
        ReactionAddedEvent added = new ReactionAddedEvent();
        ReactionAddedEvent.Item addedItem = new ReactionAddedEvent.Item();
        addedItem.setType(type);
        addedItem.setChannel(channel);
        addedItem.setTs(ts);
        added.setItem(addedItem);
        added.setReaction(reaction);
        added.setUser(user);
        ReactionRemovedEvent removed = new ReactionRemovedEvent();
        ReactionRemovedEvent.Item removedItem = new ReactionRemovedEvent.Item();
        removedItem.setType(type);
        removedItem.setChannel(channel);
        removedItem.setTs(ts);
        removed.setItem(removedItem);
        removed.setReaction(reaction);
        removed.setUser(user);

        Optional<ReactionOnMessage> fromAdded = ReactionOnMessage.of(added, CLOCK);
        assertEquals(accepted, fromAdded.isPresent(), fromAdded.toString());
        assertEquals(fromAdded, ReactionOnMessage.of(removed, CLOCK));
    }

    @Test
    void aReactionEventWithoutAnItemIsRefusedByBoth() {
        assertTrue(ReactionOnMessage.of(new ReactionAddedEvent(), CLOCK).isEmpty());
        assertTrue(ReactionOnMessage.of(new ReactionRemovedEvent(), CLOCK).isEmpty());
    }

    @ParameterizedTest(name = "[{index}] channel={0} ts={1} bot={2}: {3}")
    @CsvSource(nullValues = "null", value = {
            "C0OPS, 1793534340.000100, null,    true",
            "c0ops, 1793534340.000100, null,    false",
            "null,  1793534340.000100, null,    false",
            "C0OPS, 1793534340.0001x,  null,    false",
            "C0OPS, null,              null,    false",
            "C0OPS, 1.000100,          null,    false",
            "C0OPS, 9999999999.000100, null,    false",
            "C0OPS, 1793534340.000100, B0BOT,   false",
    })
    void anEditAndADeletionAreCheckedAlike(String channel, String ts, String botId, boolean accepted) {
        MessageChangedEvent changed = new MessageChangedEvent();
        changed.setChannel(channel);
        MessageChangedEvent.Message message = new MessageChangedEvent.Message();
        message.setTs(ts);
        message.setBotId(botId);
        changed.setMessage(message);
        MessageDeletedEvent deleted = new MessageDeletedEvent();
        deleted.setChannel(channel);
        deleted.setDeletedTs(ts);
        MessageDeletedEvent.Message previous = new MessageDeletedEvent.Message();
        previous.setTs(ts);
        previous.setBotId(botId);
        deleted.setPreviousMessage(previous);

        Optional<ChangedMessage> fromEdit = ChangedMessage.edited(changed, CLOCK);
        assertEquals(accepted, fromEdit.isPresent(), fromEdit.toString());
        assertEquals(fromEdit, ChangedMessage.deleted(deleted, CLOCK));
    }

    @Test
    void anEditWithoutTheMessageAndADeletionWithoutThePreviousOneAreJudgedByWhatTheyCarry() {
        MessageChangedEvent changed = new MessageChangedEvent();
        changed.setChannel("C0OPS");
        assertTrue(ChangedMessage.edited(changed, CLOCK).isEmpty(), "no message, nothing to edit");
        MessageDeletedEvent deleted = new MessageDeletedEvent();
        deleted.setChannel("C0OPS");
        deleted.setDeletedTs(TS);
        assertEquals(Optional.of(new ChangedMessage("C0OPS", TS)), ChangedMessage.deleted(deleted, CLOCK));
    }

    @Test
    void aChangeIsDatedByTheFirstBelievableTimeItNamesElseByTheClock() {
        String edited = (NOW.getEpochSecond() - 5) + ".000000";
        String event = (NOW.getEpochSecond() - 4) + ".000000";
        assertEquals(NOW.minusSeconds(5), ChangedMessage.changedAt(CLOCK, edited, event));
        assertEquals(NOW.minusSeconds(4), ChangedMessage.changedAt(CLOCK, "1.000000", event));
        assertEquals(NOW.minusSeconds(4), ChangedMessage.changedAt(CLOCK, null, event));
        assertEquals(NOW, ChangedMessage.changedAt(CLOCK, "9999999999.000000", "not-a-ts"));
        assertEquals(NOW, ChangedMessage.changedAt(CLOCK, null, null));
        assertEquals(NOW.plus(Duration.ofHours(23)),
                ChangedMessage.changedAt(CLOCK, (NOW.getEpochSecond() + 23 * 3600) + ".000000"), "clocks drift");
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.slack.view.AddToTimelineModal;
import dev.scribe.testing.FakeSlackApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The "Add to incident timeline" shortcut with no incident open: a modal saying so and how to declare one. */
class NoOpenIncidentShortcutTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void withNoIncidentOpenTheModalSaysSoAndHowToDeclareOne(RunningScribe bot) throws Exception {
        String ts = AddToTimelineShortcutTest.alert(bot.slack, 60, "queue depth 10k");
        FakeSlackApi.View view = AddToTimelineShortcutTest.shortcut(bot, BOB, AddToTimelineShortcutTest.ALERTS, BOB, ts,
                "queue depth 10k", "none");
        assertEquals(AddToTimelineModal.NO_INCIDENT_CALLBACK_ID, view.callbackId());
        assertTrue(view.allText().contains("No incident is open") && view.allText().contains("/incident start"),
                view.allText());
        assertTrue(!view.json().has("submit"), "nothing to submit");
        assertEquals(0, bot.count("SELECT COUNT(*) FROM timeline_messages"));
    }
}

package dev.scribe.slack.interaction;

import com.slack.api.bolt.App;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.view.AddToTimelineModal;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/** Registers the shortcuts, buttons and forms of this package on the app; {@code slack/Listeners} calls it. */
public final class Interactions {

    private Interactions() {
    }

    /**
     * The "Add to incident timeline" shortcut and its form.
     *
     * @param timingsChanged told the incident number when an added message may have moved a key timing
     */
    public static void registerAddToTimeline(App app, IncidentService incidents, Surfaces surfaces, Executor executor,
                                             IntConsumer timingsChanged, Clock clock) {
        PendingTexts pending = new PendingTexts(clock);
        app.messageShortcut(AddToTimelineModal.SHORTCUT, new AddToTimelineShortcut(incidents, surfaces, pending, executor));
        app.viewSubmission(AddToTimelineModal.CALLBACK_ID,
                new AddToTimelineSubmission(incidents, surfaces, pending, executor, timingsChanged));
    }
}

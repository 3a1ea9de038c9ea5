package dev.scribe.slack.interaction;

import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import dev.scribe.slack.HomeRefresher;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.Surfaces;
import dev.scribe.slack.view.AddToTimelineModal;
import dev.scribe.slack.view.HomeTab;
import dev.scribe.slack.view.SignInModal;
import dev.scribe.web.SignInLinks;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;

/** Registers the shortcuts, buttons and forms of this package on the app; {@code slack/Listeners} calls it. */
public final class InteractionListeners {

    private InteractionListeners() {
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

    /** The Home tab: its opening, its pages button and the link button of the modal that button opens. */
    public static void registerHome(App app, HomeRefresher home, SignInLinks links, Surfaces surfaces, Executor executor) {
        app.event(AppHomeOpenedEvent.class, new HomeOpenedListener(home, executor));
        app.blockAction(HomeTab.SIGN_IN_ACTION, new HomeSignInButton(links, surfaces));
        // Slack tells the app of a click on a link button too; there is nothing to do but acknowledge it.
        app.blockAction(SignInModal.OPEN_ACTION, (request, ctx) -> ctx.ack());
    }
}

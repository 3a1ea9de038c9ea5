package dev.scribe.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.slack.interaction.ActionItemSubmitted;
import dev.scribe.slack.interaction.AddActionClicked;
import dev.scribe.slack.interaction.AddNoteClicked;
import dev.scribe.slack.interaction.CloseClicked;
import dev.scribe.slack.interaction.CloseSubmitted;
import dev.scribe.slack.interaction.DeclareShortcutListener;
import dev.scribe.slack.interaction.DeclareSubmissionListener;
import dev.scribe.slack.interaction.HomeDeclareButtonListener;
import dev.scribe.slack.interaction.IncidentControls;
import dev.scribe.slack.interaction.InteractionListeners;
import dev.scribe.slack.interaction.NoteSubmitted;
import dev.scribe.slack.interaction.RoleChosen;
import dev.scribe.slack.interaction.SeverityChosen;
import dev.scribe.slack.interaction.StatusChosen;
import dev.scribe.slack.view.ActionItemModal;
import dev.scribe.slack.view.CloseModal;
import dev.scribe.slack.view.DeclareModal;
import dev.scribe.slack.view.HeaderControls;
import dev.scribe.slack.view.NoteModal;
import dev.scribe.web.SignInLinks;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The one registrar of the bot's Slack listeners (as in Slack's Bolt starter template): every command, event,
 * shortcut, button and form the bot handles is registered here, one listener class each. Events registered nowhere are acknowledged by Bolt.
 */
public final class Listeners {

    private Listeners() {
    }

    /**
     * Registers {@code /incident}, the message, edit, deletion and reaction events, and the declare form (its
     * shortcut, its Home tab button and its submission) on {@code app}.
     *
     * @param command        the {@code /incident} listener, built with the collaborators only it needs
     * @param timingsChanged told the incident number when a reaction may have moved a key timing
     * @param clock          the bot's clock, the one the domain reads "now" from
     */
    public static void register(App app, IncidentService incidents, IncidentCommandListener command,
                                Declarations declarations, IntConsumer timingsChanged, Clock clock) {
        register(app, incidents, command, declarations, timingsChanged, clock, outcome -> { });
    }

    /** As above; {@code messageOutcomes} is told what became of each message stored (the metrics count them). */
    public static void register(App app, IncidentService incidents, IncidentCommandListener command,
                                Declarations declarations, IntConsumer timingsChanged, Clock clock,
                                Consumer<RecordOutcome> messageOutcomes) {
        app.command(IncidentCommandListener.COMMAND, command);
        app.globalShortcut(DeclareModal.SHORTCUT_CALLBACK_ID, new DeclareShortcutListener(declarations));
        app.viewSubmission(DeclareModal.CALLBACK_ID, new DeclareSubmissionListener(declarations));
        app.blockAction(DeclareModal.HOME_DECLARE_ACTION_ID, new HomeDeclareButtonListener(declarations));
        new MessageListener(new MessageRecorder(incidents, messageOutcomes)).register(app);
        app.event(MessageChangedEvent.class, new MessageChangedListener(incidents, clock));
        app.event(MessageDeletedEvent.class, new MessageDeletedListener(incidents, clock));
        app.event(ReactionAddedEvent.class, new ReactionAddedListener(incidents, timingsChanged, clock));
        app.event(ReactionRemovedEvent.class, new ReactionRemovedListener(incidents, timingsChanged, clock));
    }

    /**
     * People's messages over HTTP read straight from the signed body, without Bolt ({@link DirectMessageEvents}), with
     * the same outcome as through the listener {@link #register} puts on Bolt.
     *
     * @param catchUp  shown the channel of each such event, as its Bolt middleware is ({@link CatchUp#watch}); null
     *                 when the bot does not catch up
     */
    public static DirectMessageEvents directMessages(IncidentService incidents, Consumer<RecordOutcome> messageOutcomes,
                                                     BotIdentity identity, CatchUp catchUp) {
        Consumer<String> eventSeen = catchUp == null ? channel -> { } : catchUp::eventIn;
        return new DirectMessageEvents(new MessageRecorder(incidents, messageOutcomes), identity.userId(), eventSeen);
    }

    /**
     * Registers the shortcuts, buttons and forms (slack/interaction), one listener class each.
     *
     * @param executor       runs what comes after an interaction's ack
     * @param timingsChanged told the incident number when a key timing may have moved
     */
    public static void registerInteractions(App app, IncidentService incidents, Surfaces surfaces, Executor executor,
                                            IntConsumer timingsChanged, Clock clock, HomeRefresher home,
                                            SignInLinks signInLinks) {
        InteractionListeners.registerAddToTimeline(app, incidents, surfaces, executor, timingsChanged, clock);
        InteractionListeners.registerHome(app, home, signInLinks, surfaces, executor);
    }

    /**
     * Registers the controls of the pinned header and the reminders (selects, buttons and the forms they open), one
     * listener class each.
     *
     * @param controls what those listeners share
     */
    public static void registerHeaderControls(App app, IncidentControls controls) {
        app.blockAction(HeaderControls.STATUS, new StatusChosen(controls));
        app.blockAction(HeaderControls.SEVERITY, new SeverityChosen(controls));
        app.blockAction(RoleChosen.ACTION_IDS, new RoleChosen(controls));
        app.blockAction(HeaderControls.ADD_ACTION, new AddActionClicked(controls));
        app.blockAction(HeaderControls.ADD_NOTE, new AddNoteClicked(controls));
        app.blockAction(HeaderControls.CLOSE, new CloseClicked(controls));
        app.viewSubmission(ActionItemModal.CALLBACK_ID, new ActionItemSubmitted(controls));
        app.viewSubmission(NoteModal.CALLBACK_ID, new NoteSubmitted(controls));
        app.viewSubmission(CloseModal.CALLBACK_ID, new CloseSubmitted(controls));
    }
}

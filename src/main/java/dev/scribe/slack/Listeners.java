package dev.scribe.slack;

import com.slack.api.bolt.App;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageDeletedEvent;
import com.slack.api.model.event.ReactionAddedEvent;
import com.slack.api.model.event.ReactionRemovedEvent;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordOutcome;
import dev.scribe.slack.interaction.HeaderInteractions;
import dev.scribe.slack.interaction.IncidentControls;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The one registrar of the bot's Slack listeners (as in Slack's Bolt starter template): every command and event the
 * bot handles is registered here, one listener class each. Events registered nowhere are acknowledged by Bolt.
 */
public final class Listeners {

    private Listeners() {
    }

    /**
     * Registers {@code /incident} and the message, edit, deletion and reaction events on {@code app}.
     *
     * @param command        the {@code /incident} listener, built with the collaborators only it needs
     * @param timingsChanged told the incident number when a reaction may have moved a key timing
     * @param clock          the bot's clock, the one the domain reads "now" from
     */
    public static void register(App app, IncidentService incidents, IncidentCommandListener command,
                                IntConsumer timingsChanged, Clock clock) {
        register(app, incidents, command, timingsChanged, clock, outcome -> { });
    }

    /** As above; {@code messageOutcomes} is told what became of each message stored (the metrics count them). */
    public static void register(App app, IncidentService incidents, IncidentCommandListener command,
                                IntConsumer timingsChanged, Clock clock, Consumer<RecordOutcome> messageOutcomes) {
        registerCommandAndEvents(app, incidents, command, timingsChanged, clock, messageOutcomes);
    }

    /**
     * As above, and the controls of the pinned header and the reminders (selects, buttons and their forms), which
     * {@code controls} serves.
     */
    public static void register(App app, IncidentService incidents, IncidentCommandListener command,
                                IntConsumer timingsChanged, Clock clock, Consumer<RecordOutcome> messageOutcomes,
                                IncidentControls controls) {
        registerCommandAndEvents(app, incidents, command, timingsChanged, clock, messageOutcomes);
        HeaderInteractions.register(app, controls);
    }

    private static void registerCommandAndEvents(App app, IncidentService incidents, IncidentCommandListener command,
                                                 IntConsumer timingsChanged, Clock clock,
                                                 Consumer<RecordOutcome> messageOutcomes) {
        app.command(IncidentCommandListener.COMMAND, command);
        new MessageListener(incidents, messageOutcomes).register(app);
        app.event(MessageChangedEvent.class, new MessageChangedListener(incidents, clock));
        app.event(MessageDeletedEvent.class, new MessageDeletedListener(incidents, clock));
        app.event(ReactionAddedEvent.class, new ReactionAddedListener(incidents, timingsChanged, clock));
        app.event(ReactionRemovedEvent.class, new ReactionRemovedListener(incidents, timingsChanged, clock));
    }
}

package dev.scribe.slack;

import com.slack.api.Slack;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.Responder;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.view.View;
import dev.scribe.incident.CommandInvocations;
import dev.scribe.incident.Declaration;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.slack.view.DeclareModal;
import dev.scribe.slack.view.DeclareModal.Origin;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Declaring an incident from the form: opening the modal (from the global shortcut, a bare {@code /incident start} or
 * the Home tab) and, once a submission is acknowledged, starting the incident exactly as the command does, then
 * telling the declarer where it lives: in the channel it came from as the command would, or by direct message when
 * it came from no channel. Thread-safe.
 */
public final class Declarations {

    private static final Logger log = LoggerFactory.getLogger(Declarations.class);
    /** Claims of submitted views share the command's table of invocations; the prefix keeps them apart. */
    private static final String SUBMISSION_KEY = "view_submission:";

    private final MethodsClient methods;
    private final Slack slack;
    private final IncidentService incidents;
    private final IncidentStarter starter;
    private final CommandInvocations claims;
    private final ChannelMode channelMode;
    private final boolean canCreatePrivate;
    private final Executor executor;
    private final SlackWebPoster poster;
    private final CommandReplies replies;
    private final IncidentAudience audience;

    /**
     * @param claims           where each submitted view is claimed once, across replicas
     * @param canCreatePrivate whether the app was granted {@link BotIdentity#GROUPS_WRITE}
     * @param executor         runs the slow work after the submission's ack
     */
    public Declarations(MethodsClient methods, Slack slack, IncidentService incidents, IncidentStarter starter,
                        CommandInvocations claims, ChannelMode channelMode, boolean canCreatePrivate, Executor executor,
                        ZoneId zone, IncidentAudience audience) {
        this.methods = methods;
        this.slack = slack;
        this.incidents = incidents;
        this.starter = starter;
        this.claims = claims;
        this.channelMode = channelMode;
        this.canCreatePrivate = canCreatePrivate;
        this.executor = executor;
        this.poster = new SlackWebPoster(methods);
        this.replies = new CommandReplies(zone);
        this.audience = audience;
    }

    /**
     * True when the form offers a private incident: the bot may create private channels, and incidents get channels
     * of their own ({@code here} mode keeps them where they are declared).
     */
    public boolean offersPrivate() {
        return canCreatePrivate && channelMode != ChannelMode.HERE;
    }

    /**
     * Opens the form for {@code userId} with {@code views.open}, at once: the trigger dies three seconds after the
     * click. The open incidents it lists are those {@code userId} may see: a private incident's title is shown to its
     * channel's members only.
     *
     * @throws SlackCallException when Slack refuses (an expired trigger, say)
     */
    public void openForm(String triggerId, String userId, Severity preset, Origin origin) {
        List<Incident> open = incidents.listOpen().stream().filter(i -> audience.maySee(userId, i)).toList();
        View view = DeclareModal.build(open, preset, offersPrivate(), origin);
        SlackCalls.require("views.open", () -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    }

    /**
     * Opens the form for an interaction that has no answer of its own to show a failure in (a shortcut, a button);
     * when Slack refuses, the person is told by direct message, after the ack.
     */
    public void openFormOrSaySo(String triggerId, String userId) {
        try {
            openForm(triggerId, userId, Severity.SEV3, Origin.NOWHERE);
        } catch (SlackCallException e) {
            log.warn("Could not open the declare form: {} answered {}", e.method(), e.error());
            executor.execute(() -> tell(Origin.NOWHERE, userId, couldNotOpenForm(e)));
        }
    }

    /** What the declarer is told when the form could not be opened. */
    public static String couldNotOpenForm(SlackCallException e) {
        return ":warning: I could not open the form (Slack answered `" + Mrkdwn.escape(e.error()) + "`). Try again, or "
                + "type `/incident start <title>`.";
    }

    /**
     * Refuses a declaration that could not be opened where it was declared: in {@code here} mode, a channel that has
     * an open incident already.
     *
     * @throws IncidentException naming the open incident
     */
    public void requireCanOpen(Origin origin) {
        if (channelMode == ChannelMode.HERE) {
            origin.channel().ifPresent(incidents::requireNoneOpenIn);
        }
    }

    /** True the first time a view is submitted, on this replica or any other; a repeat starts nothing. */
    public boolean firstSubmission(String viewId) {
        return claims.claim(SUBMISSION_KEY + viewId);
    }

    /** Starts the declared incident after the ack, on the executor; a failure is told to the declarer. */
    public void declareAfterAck(Declaration declaration, boolean privateChannel, Origin origin, String userId) {
        executor.execute(() -> {
            try {
                declare(declaration, privateChannel && offersPrivate(), origin, userId);
            } catch (SlackCallException e) {
                log.error("Failed to open a declared incident: {} answered {}", e.method(), e.error(), e);
                tell(origin, userId, ":warning: I could not open the incident *" + Mrkdwn.escape(declaration.title())
                        + "*: " + SlackErrors.explain(e));
            } catch (IncidentException e) {
                tell(origin, userId, replies.refused(e.getMessage()));
            } catch (RuntimeException e) {
                String ref = CommandReplies.newReference();
                log.error("Failed to open a declared incident [ref {}]", ref, e);
                tell(origin, userId, replies.failedAfterAck("opening the incident *" + Mrkdwn.escape(declaration.title())
                        + "*", ref));
            }
        });
    }

    private void declare(Declaration declaration, boolean privateChannel, Origin origin, String userId) {
        if (channelMode == ChannelMode.HERE && origin.channel().isPresent()) {
            Incident incident = starter.openHere(declaration, origin.channelId(), userId);
            starter.postHeader(incident);
            announce(origin, replies.opened(incident, userId, false));
            return;
        }
        // With no channel to fall back to (a global shortcut), a channel that cannot be created opens nothing.
        IncidentStarter.Opened opened = starter.openInOwnChannel(declaration, origin.channelId(), userId, privateChannel);
        Incident incident = opened.incident();
        if (opened.fellBack()) {
            starter.postHeader(incident);
            announce(origin, replies.openedHereInstead(incident, userId, opened.fallbackReason()));
        } else if (privateChannel || origin.channel().isEmpty()) {
            tell(origin, userId, ":rotating_light: You declared *incident " + incident.number() + "*: "
                    + Mrkdwn.escape(incident.title()) + " (" + incident.severity().label() + ") in "
                    + (privateChannel ? "the private channel " : "") + "<#" + incident.channelId() + ">.");
        } else if (!opened.announced()) {
            announce(origin, replies.opened(incident, userId, true));
        }
    }

    /** Says {@code text} to everyone where it was declared, through the command's response_url. */
    private void announce(Origin origin, String text) {
        if (origin.responseUrlIfAny().isPresent()) {
            respond(origin.responseUrl(), "in_channel", text);
        } else {
            origin.channel().ifPresent(channel -> poster.post(channel, new SlackMessage(text, List.of()), null));
        }
    }

    /** Says {@code text} to the declarer alone: through the command's response_url, else by direct message. */
    private void tell(Origin origin, String userId, String text) {
        if (origin.responseUrlIfAny().isPresent() && respond(origin.responseUrl(), "ephemeral", text)) {
            return;
        }
        try {
            // A user id as the channel posts in the bot's direct conversation with that person (chat:write only).
            poster.post(userId, new SlackMessage(text, List.of()), null);
        } catch (SlackCallException e) {
            log.warn("Could not tell {} by direct message: {}", userId, e.error());
        }
    }

    private boolean respond(String responseUrl, String responseType, String text) {
        try {
            int status = new Responder(slack, responseUrl).send(SlashCommandResponse.builder()
                    .responseType(responseType).text(text).build()).getCode();
            if (status / 100 == 2) {
                return true;
            }
            log.warn("The response_url answered HTTP {}", status);
        } catch (Exception e) {
            log.warn("Could not answer through the response_url: {}", e.getMessage());
        }
        return false;
    }
}

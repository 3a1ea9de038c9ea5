package dev.scribe.slack.interaction;

import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.interactive_components.response.ActionResponse;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.slack.CommandReplies;
import dev.scribe.slack.Mrkdwn;
import dev.scribe.slack.SlackCallException;
import dev.scribe.slack.SlackMessage;
import dev.scribe.slack.SlackWebPoster;
import dev.scribe.slack.view.HeaderControls;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the listeners of an incident's controls share: which open incident a control is for, and what follows a change
 * made with one, after the ack, exactly as after the matching command: the channel is told in the words the command
 * answers with, and the pinned header is refreshed. Refusals go to the person who clicked alone.
 */
public final class IncidentControls {

    private static final Logger log = LoggerFactory.getLogger(IncidentControls.class);

    private final IncidentService incidents;
    private final MethodsClient methods;
    private final SlackWebPoster poster;
    private final CommandReplies replies;
    private final Executor executor;
    private final IntConsumer headerChanged;
    private final IntConsumer closed;

    /**
     * @param executor      runs what follows the ack
     * @param headerChanged told the incident number when its pinned header should be refreshed
     * @param closed        told the number of an incident just closed, to compile and post its report
     */
    public IncidentControls(IncidentService incidents, MethodsClient methods, ZoneId zone, Executor executor,
                            IntConsumer headerChanged, IntConsumer closed) {
        this.incidents = incidents;
        this.methods = methods;
        this.poster = new SlackWebPoster(methods);
        this.replies = new CommandReplies(zone);
        this.executor = executor;
        this.headerChanged = headerChanged;
        this.closed = closed;
    }

    /** A control whose payload names no incident or no choice: a forged or broken request, acknowledged and ignored. */
    static final class MalformedControl extends RuntimeException {
        MalformedControl(String message) {
            super(message, null, false, false);
        }
    }

    IncidentService incidents() {
        return incidents;
    }

    CommandReplies replies() {
        return replies;
    }

    /**
     * The open incident a control of a message is for, read from the block id's {@code :<number>}: the header's and
     * the reminders' alike. A header that is not the incident's pinned one (an older copy, another channel's) is
     * refused as outdated, so a stale message changes nothing.
     *
     * @throws IncidentException when the incident is closed, missing, or the header outdated
     */
    Incident incidentOf(BlockActionPayload payload, BlockActionPayload.Action action) {
        OptionalInt number = HeaderControls.incidentNumber(action.getBlockId());
        if (number.isEmpty()) {
            throw new MalformedControl("a control whose block names no incident");
        }
        Incident incident = incidents.requireOpen(number.getAsInt());
        BlockActionPayload.Container container = payload.getContainer();
        if (HeaderControls.isHeaderBlock(action.getBlockId()) && (container == null
                || !Objects.equals(container.getMessageTs(), incident.headerTs())
                || !Objects.equals(container.getChannelId(), incident.channelId()))) {
            throw new IncidentException("This is not the current header of incident " + incident.number()
                    + ", so nothing was changed: use the one pinned in <#" + incident.channelId() + ">.");
        }
        return incident;
    }

    /** The person who used a control; a payload without one is malformed. */
    static String userOf(BlockActionPayload payload) {
        if (payload.getUser() == null || payload.getUser().getId() == null) {
            throw new MalformedControl("a control used by nobody");
        }
        return payload.getUser().getId();
    }

    /** After the ack: tells the incident's channel what was done, in the words of the matching command, and refreshes the header. */
    void recorded(Incident incident, String text) {
        headerChanged.accept(incident.number());
        afterAck("telling incident " + incident.number() + "'s channel of a change", () -> poster.post(
                incident.channelId(), new SlackMessage(text, List.of(section(s -> s.text(markdownText(
                        Mrkdwn.truncate(text, 3000)))))), null));
    }

    /** After the ack of a close: the report is compiled and posted, and the channel told. */
    void closed(Incident incident, String text) {
        afterAck("compiling the report of incident " + incident.number(), () -> closed.accept(incident.number()));
        recorded(incident, text);
    }

    /** Tells only the person who clicked, on the control's response_url, why nothing was done. */
    void refuse(ActionContext ctx, String message) {
        String text = replies.refused(message);
        if (ctx.getResponseUrl() == null) {
            log.info("Could not tell someone that a control was refused: the payload has no response_url");
            return;
        }
        afterAck("answering a control", () -> {
            try {
                ctx.respond(ActionResponse.builder().responseType("ephemeral").replaceOriginal(false).text(text).build());
            } catch (java.io.IOException e) {
                log.warn("Could not answer a control on its response_url: {}", e.toString());
            }
        });
    }

    /** The answer to a failure nobody foresaw, with a reference to find it in the log. */
    void failed(ActionContext ctx, String what, RuntimeException e) {
        String ref = CommandReplies.newReference();
        log.error("{} failed [ref {}]", what, ref, e);
        refuse(ctx, "Something went wrong on my side (ref " + ref + "); nothing was changed.");
    }

    /**
     * Opens a form with the click's trigger, at once: Slack honours a trigger for 3 seconds and once.
     *
     * @throws SlackCallException when Slack refuses the view
     */
    void open(String triggerId, View view) {
        ViewsOpenResponse response;
        try {
            response = methods.viewsOpen(r -> r.triggerId(triggerId).view(view));
        } catch (java.io.IOException | com.slack.api.methods.SlackApiException e) {
            throw new SlackCallException("views.open", "unreachable (" + e.getMessage() + ")", e);
        }
        if (!response.isOk()) {
            throw new SlackCallException("views.open", response.getError(), null);
        }
    }

    void afterAck(String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("Failed while {}: {}", what, e.toString());
            }
        });
    }
}

package dev.scribe.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.scribe.command.Command;
import dev.scribe.command.CommandException;
import dev.scribe.command.CommandParser;
import dev.scribe.incident.CommandInvocations;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RoleChange;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.slack.view.DeclareModal;
import dev.scribe.web.SignInLinks;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /incident}: parses the subcommand, does what must be stored before the ack, acknowledges within
 * Slack's 3 seconds, and leaves slow work (channels, posting, compiling) to the executor. Dispatch only: the texts
 * are {@link CommandReplies}, what is said after the ack goes through {@link ResponseUrlReplies}.
 */
public final class IncidentCommandListener implements SlashCommandHandler {

    /** The slash command, as the manifest declares it. */
    public static final String COMMAND = "/incident";

    private static final Logger log = LoggerFactory.getLogger(IncidentCommandListener.class);
    /** How long {@code at} waits for the typist's time zone from Slack, so the command is still answered in 3 s. */
    private static final Duration TIME_ZONE_WAIT = Duration.ofSeconds(1);

    private final IncidentService incidents;
    private final CommandInvocations invocations;
    private final IncidentStarter starter;
    private final ReportPublisher publisher;
    private final ChannelMode channelMode;
    private final Executor executor;
    private final IntConsumer headerChanged;
    private final Runnable postReportsSoon;
    private final ZoneId zone;
    private final WorkspaceDirectory directory;
    private final CommandReplies replies;
    private final ResponseUrlReplies responses;
    private final SignInLinks signInLinks;
    private final Declarations declarations;
    private final IncidentAudience audience;

    /**
     * @param invocations   the trigger ids received so far, so that a replayed request is acted on once
     * @param executor      runs the slow work after the ack
     * @param headerChanged   told the incident number when its pinned header should be refreshed
     * @param postReportsSoon asks for stored reports to be posted now rather than at the next scheduled drain
     * @param zone            the zone times are shown in where Slack cannot localise them, and {@code at} times are
     *                        read in when the typist's own is unknown
     * @param directory       where the typist's own Slack time zone is learnt
     * @param signInLinks     answers {@code web}
     * @param declarations    opens the declare form for a {@code start} with no title
     */
    public IncidentCommandListener(IncidentService incidents, CommandInvocations invocations, IncidentStarter starter,
                                   ReportPublisher publisher, ChannelMode channelMode, Executor executor,
                                   IntConsumer headerChanged, Runnable postReportsSoon, ZoneId zone,
                                   WorkspaceDirectory directory, SignInLinks signInLinks, Declarations declarations,
                                   IncidentAudience audience) {
        this.declarations = declarations;
        this.audience = audience;
        this.incidents = incidents;
        this.invocations = invocations;
        this.starter = starter;
        this.publisher = publisher;
        this.channelMode = channelMode;
        this.executor = executor;
        this.headerChanged = headerChanged;
        this.postReportsSoon = postReportsSoon;
        this.zone = zone;
        this.directory = directory;
        this.replies = new CommandReplies(zone);
        this.responses = new ResponseUrlReplies(executor, replies);
        this.signInLinks = signInLinks;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        String user = payload.getUserId();
        String channel = payload.getChannelId();
        try {
            if (isReplay(payload)) {
                return ctx.ack();
            }
            Command command = CommandParser.parse(payload.getText());
            if (command instanceof Command.Start start) {
                return start(start, payload, ctx);
            } else if (command instanceof Command.DeclareForm form) {
                return declareForm(form, payload, ctx);
            } else if (command instanceof Command.Note note) {
                incidents.note(channel, user, note.text());
                return inChannel(ctx, replies.noteAdded(user, note.text()));
            } else if (command instanceof Command.Close close) {
                return close(close, payload, ctx);
            } else if (command instanceof Command.At at) {
                return at(at, payload, ctx);
            } else if (command instanceof Command.SetStatus status) {
                Incident incident = incidents.status(channel, user, status.status());
                headerChanged.accept(incident.number());
                return inChannel(ctx, replies.statusSet(user, status.status()));
            } else if (command instanceof Command.SetSeverity sev) {
                Incident incident = incidents.severity(channel, user, sev.severity());
                headerChanged.accept(incident.number());
                return inChannel(ctx, replies.severitySet(user, sev.severity()));
            } else if (command instanceof Command.Lead lead) {
                Incident incident = incidents.lead(channel, user, lead.userId());
                headerChanged.accept(incident.number());
                return inChannel(ctx, replies.commanderChanged(incident));
            } else if (command instanceof Command.SetRole role) {
                RoleChange change = incidents.role(channel, user, role.role(), role.userId());
                headerChanged.accept(change.incident().number());
                return inChannel(ctx, replies.roleChanged(change));
            } else if (command instanceof Command.Action action) {
                incidents.action(channel, user, action.text(), action.ownerId());
                return inChannel(ctx, replies.actionAdded(user, action.text(), action.ownerId()));
            } else if (command instanceof Command.ShowTimeline) {
                Incident incident = incidents.requireOpenIn(channel);
                responses.afterAck(ctx, "compiling the timeline of incident " + incident.number(), () -> responses.timeline(ctx,
                        incident.number(), ReportBlocks.timelineParts(publisher.compile(incident.number()))));
                return ctx.ack();
            } else if (command instanceof Command.Reopen) {
                Incident incident = incidents.reopen(channel, user);
                headerChanged.accept(incident.number());
                return inChannel(ctx, replies.reopened(user, incident));
            } else if (command instanceof Command.ListOpen) {
                // A private incident's title is for its channel's members only.
                return ephemeral(ctx, replies.openIncidents(incidents.listOpen().stream()
                        .filter(i -> audience.maySee(user, i)).toList()));
            } else if (command instanceof Command.SignInLink) {
                return ephemeral(ctx, signInLinks.replyTo(user, payload.getTeamId()));
            } else if (command instanceof Command.Repost repost) {
                return repost(repost, channel, ctx);
            } else if (command instanceof Command.Unknown unknown) {
                return ephemeral(ctx, replies.unknownSubcommand(unknown.word(), incidents.reactions()));
            }
            return ephemeral(ctx, replies.usage(incidents.reactions()));
        } catch (CommandException | IncidentException e) {
            return ephemeral(ctx, replies.refused(e.getMessage()));
        } catch (RuntimeException e) {
            String ref = CommandReplies.newReference();
            log.error("/incident {} failed [ref {}]", firstWord(payload.getText()), ref, e);
            return ephemeral(ctx, replies.failedBeforeAck(ref));
        }
    }

    /**
     * True for a request whose trigger_id was received before, here or on another replica: the same signed
     * request sent again within its five minutes. It gets an empty 200 and changes nothing. A request without
     * a trigger_id (Slack always sends one) is handled as any other.
     */
    private boolean isReplay(SlashCommandPayload payload) {
        String triggerId = payload.getTriggerId();
        if (triggerId == null || triggerId.isBlank() || invocations.claim(triggerId)) {
            return false;
        }
        log.warn("Ignored a repeated /incident request: its trigger_id was received before");
        return true;
    }

    private Response start(Command.Start start, SlashCommandPayload payload, SlashCommandContext ctx) {
        String origin = payload.getChannelId();
        String user = payload.getUserId();
        incidents.requireNoneOpenIn(origin);
        if (channelMode == ChannelMode.HERE) {
            Incident incident = starter.openHere(start, origin, user);
            responses.afterAck(ctx, "posting the header of incident " + incident.number(), () -> starter.postHeader(incident));
            return inChannel(ctx, replies.opened(incident, user, false));
        }
        responses.afterAck(ctx, "opening an incident", () -> {
            IncidentStarter.Opened opened = starter.openInOwnChannel(start, origin, user);
            if (opened.fellBack()) {
                starter.postHeader(opened.incident());
                responses.inChannel(ctx, replies.openedHereInstead(opened.incident(), user, opened.fallbackReason()));
            } else if (!opened.announced()) {
                responses.inChannel(ctx, replies.opened(opened.incident(), user, true));
            }
        });
        return ephemeral(ctx, replies.openingChannel(start));
    }

    /**
     * {@code start} with no title: the declare form, opened before the ack while the command's trigger is fresh. It
     * carries the channel and the response_url, so that submitting it answers here as the command would.
     */
    private Response declareForm(Command.DeclareForm form, SlashCommandPayload payload, SlashCommandContext ctx) {
        incidents.requireNoneOpenIn(payload.getChannelId());
        try {
            declarations.openForm(payload.getTriggerId(), payload.getUserId(), form.severity(),
                    new DeclareModal.Origin(payload.getChannelId(), payload.getResponseUrl()));
        } catch (SlackCallException e) {
            log.warn("Could not open the declare form: {} answered {}", e.method(), e.error());
            return ephemeral(ctx, Declarations.couldNotOpenForm(e));
        }
        return ctx.ack();
    }

    /**
     * {@code at}: the time is read in the zone typed after it, else in the typist's own Slack time zone, else in
     * SCRIBE_TIMEZONE (and the reply says so). The reply shows the time as a date token, so everyone reads it in
     * their own zone and the typist can check it is the moment they meant.
     */
    private Response at(Command.At at, SlashCommandPayload payload, SlashCommandContext ctx) {
        Optional<ZoneId> typists = at.zone() != null ? Optional.empty()
                : directory.timeZone(payload.getUserId(), executor, TIME_ZONE_WAIT);
        ZoneId readIn = at.zone() != null ? at.zone() : typists.orElse(zone);
        TimelineEntry entry = incidents.at(payload.getChannelId(), payload.getUserId(), at.date(), at.time(), readIn,
                at.emoji(), at.text());
        if (entry.kind().movesKeyTiming()) {
            incidents.openIn(payload.getChannelId()).ifPresent(i -> headerChanged.accept(i.number()));
        }
        return inChannel(ctx, replies.addedAt(payload.getUserId(), entry, readIn, at.zone() == null && typists.isEmpty()));
    }

    private Response close(Command.Close close, SlashCommandPayload payload, SlashCommandContext ctx) {
        Incident incident = incidents.close(payload.getChannelId(), payload.getUserId(), close.resolution());
        responses.afterAck(ctx, "compiling the report of incident " + incident.number(), () -> {
            publisher.enqueue(incident.number());
            postReportsSoon.run();
            headerChanged.accept(incident.number());
        });
        return inChannel(ctx, replies.closed(payload.getUserId(), incident));
    }

    /** {@code repost}: what is left of a closed incident's report is tried again now, in every channel. */
    private Response repost(Command.Repost repost, String channel, SlashCommandContext ctx) {
        Incident incident;
        if (repost.number().isPresent()) {
            int n = repost.number().getAsInt();
            incident = incidents.find(n).orElseThrow(() -> new IncidentException("There is no incident " + n + "."));
        } else {
            incident = incidents.openIn(channel).or(() -> incidents.lastClosedIn(channel)).orElseThrow(() ->
                    new IncidentException("No incident was closed in this channel. Name one: `/incident repost 7`."));
        }
        if (incident.isOpen()) {
            return ephemeral(ctx, replies.repostOfOpen(incident));
        }
        int waiting = publisher.repost(incident);
        if (waiting > 0) {
            postReportsSoon.run();
        }
        return ephemeral(ctx, replies.reposting(incident, waiting));
    }

    private static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
    }

    private static Response inChannel(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("in_channel").text(text).build());
    }

    private static String firstWord(String text) {
        return text == null || text.isBlank() ? "" : text.strip().split("\\s+", 2)[0];
    }
}

package dev.scribe.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.scribe.Config.ChannelMode;
import dev.scribe.command.Command;
import dev.scribe.command.CommandException;
import dev.scribe.command.CommandParser;
import dev.scribe.incident.CommandInvocations;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.web.SignInLinks;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /incident}: parses the subcommand, does what must be stored before the ack, acknowledges within
 * Slack's 3 seconds, and leaves slow work (channels, posting, compiling) to the executor.
 */
public final class IncidentCommandListener implements SlashCommandHandler {

    /** The slash command, as the manifest declares it. */
    public static final String COMMAND = "/incident";

    private static final Logger log = LoggerFactory.getLogger(IncidentCommandListener.class);
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");
    /** How long {@code at} waits for the typist's time zone from Slack, so the command is still answered in 3 s. */
    private static final Duration TIME_ZONE_WAIT = Duration.ofSeconds(1);
    /** Slack lets one response_url be used five times. */
    private static final int MAX_RESPONSES = 5;

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
    private final SignInLinks signInLinks;

    /**
     * @param invocations   the trigger ids received so far, so that a replayed request is acted on once
     * @param executor      runs the slow work after the ack
     * @param headerChanged   told the incident number when its pinned header should be refreshed
     * @param postReportsSoon asks for stored reports to be posted now rather than at the next scheduled drain
     * @param zone            the zone times are shown in where Slack cannot localise them, and {@code at} times are
     *                        read in when the typist's own is unknown
     * @param directory       where the typist's own Slack time zone is learnt
     * @param signInLinks     answers {@code web}
     */
    public IncidentCommandListener(IncidentService incidents, CommandInvocations invocations, IncidentStarter starter,
                                   ReportPublisher publisher, ChannelMode channelMode, Executor executor,
                                   IntConsumer headerChanged, Runnable postReportsSoon, ZoneId zone,
                                   WorkspaceDirectory directory, SignInLinks signInLinks) {
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
        this.signInLinks = signInLinks;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        try {
            if (isReplay(payload)) {
                return ctx.ack();
            }
            Command command = CommandParser.parse(payload.getText());
            if (command instanceof Command.Start start) {
                return start(start, payload, ctx);
            } else if (command instanceof Command.Note note) {
                incidents.note(payload.getChannelId(), payload.getUserId(), note.text());
                return inChannel(ctx, ":memo: Note added to the timeline by <@" + payload.getUserId() + ">: "
                        + quote(note.text()));
            } else if (command instanceof Command.Close close) {
                return close(close, payload, ctx);
            } else if (command instanceof Command.At at) {
                return at(at, payload, ctx);
            } else if (command instanceof Command.SetStatus status) {
                Incident incident = incidents.status(payload.getChannelId(), payload.getUserId(), status.status());
                headerChanged.accept(incident.number());
                return inChannel(ctx, ":large_blue_circle: <@" + payload.getUserId() + "> set the status to *"
                        + status.status().label() + "*.");
            } else if (command instanceof Command.SetSeverity sev) {
                Incident incident = incidents.severity(payload.getChannelId(), payload.getUserId(), sev.severity());
                headerChanged.accept(incident.number());
                return inChannel(ctx, ":rotating_light: <@" + payload.getUserId() + "> set the severity to *"
                        + sev.severity().label() + "*.");
            } else if (command instanceof Command.Lead lead) {
                Incident incident = incidents.lead(payload.getChannelId(), payload.getUserId(), lead.userId());
                headerChanged.accept(incident.number());
                return inChannel(ctx, ":technologist: <@" + incident.commanderId() + "> is now the incident commander.");
            } else if (command instanceof Command.Action action) {
                incidents.action(payload.getChannelId(), payload.getUserId(), action.text(), action.ownerId());
                return inChannel(ctx, ":memo: Action item added by <@" + payload.getUserId() + ">: " + quote(action.text())
                        + action.ownerId().map(o -> " (owner <@" + o + ">)").orElse(" (no owner yet)"));
            } else if (command instanceof Command.ShowTimeline) {
                Incident incident = incidents.requireOpenIn(payload.getChannelId());
                later(ctx, "compiling the timeline of incident " + incident.number(), () -> showTimeline(ctx, incident));
                return ctx.ack();
            } else if (command instanceof Command.Reopen) {
                Incident incident = incidents.reopen(payload.getChannelId(), payload.getUserId());
                headerChanged.accept(incident.number());
                return inChannel(ctx, ":arrows_counterclockwise: <@" + payload.getUserId() + "> reopened *incident "
                        + incident.number() + "*: " + Mrkdwn.escape(incident.title()) + ". Recording again.");
            } else if (command instanceof Command.ListOpen) {
                return ephemeral(ctx, openIncidents());
            } else if (command instanceof Command.SignInLink) {
                return ephemeral(ctx, signInLinks.replyTo(payload.getUserId(), payload.getTeamId()));
            } else if (command instanceof Command.Unknown unknown) {
                return ephemeral(ctx, Mrkdwn.escape("I don't know `" + unknown.word() + "`.\n"
                        + CommandParser.usage(incidents.reactions())));
            }
            return ephemeral(ctx, Mrkdwn.escape(CommandParser.usage(incidents.reactions())));
        } catch (CommandException | IncidentException e) {
            return ephemeral(ctx, Mrkdwn.escape(e.getMessage()));
        } catch (RuntimeException e) {
            String ref = reference();
            log.error("/incident {} failed [ref {}]", firstWord(payload.getText()), ref, e);
            return ephemeral(ctx, "Something went wrong on my side (ref `" + ref + "`); nothing was changed.");
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
        incidents.openIn(origin).ifPresent(open -> {
            throw new IncidentException("Incident " + open.number() + " (" + open.title()
                    + ") is already open in this channel. Close it with `/incident close` first.");
        });
        if (channelMode == ChannelMode.HERE) {
            Incident incident = starter.openHere(start, origin, user);
            later(ctx, "posting the header of incident " + incident.number(), () -> starter.postHeader(incident));
            return inChannel(ctx, announcement(incident, user, false));
        }
        later(ctx, "opening an incident", () -> {
            IncidentStarter.Opened opened = starter.openInOwnChannel(start, origin, user);
            if (opened.fellBack()) {
                starter.postHeader(opened.incident());
                answer(ctx, "in_channel", announcement(opened.incident(), user, false)
                        + "\n_I could not create a channel for it (`" + Mrkdwn.escape(opened.fallbackReason())
                        + "`), so it lives here._");
            } else {
                answer(ctx, "in_channel", announcement(opened.incident(), user, true));
            }
        });
        return ephemeral(ctx, ":hourglass_flowing_sand: Opening an incident channel for *" + Mrkdwn.escape(start.title())
                + "* (" + start.severity().label() + ")...");
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
        if (ReactionAddedListener.TIMING_KINDS.contains(entry.kind())) {
            incidents.openIn(payload.getChannelId()).ifPresent(i -> headerChanged.accept(i.number()));
        }
        String fellBack = at.zone() == null && typists.isEmpty()
                ? " (read in " + zone.getId() + ": I could not learn your Slack time zone)" : "";
        return inChannel(ctx, ":clock3: <@" + payload.getUserId() + "> added to the timeline at "
                + Mrkdwn.date(entry.at(), "{date_short} {time}", SHOWN.format(entry.at().atZone(readIn))) + fellBack
                + " (" + entry.kind().label() + "): " + quote(entry.text()));
    }

    /**
     * Up to five ephemeral messages, as one response_url allows five posts. A longer timeline shows its newest
     * parts, which is what the people working on it need, after a note saying which older parts were left out.
     */
    private void showTimeline(SlashCommandContext ctx, Incident incident) {
        List<ReportBlocks.TimelinePart> parts = ReportBlocks.timelineParts(publisher.compile(incident.number()));
        int shown = parts.size() <= MAX_RESPONSES ? parts.size() : MAX_RESPONSES - 1;
        int first = parts.size() - shown;
        if (first > 0) {
            String before = parts.get(first).from()
                    .map(at -> ", everything before " + SHOWN.format(at.atZone(zone))).orElse("");
            respond(ctx, ":information_source: The timeline of incident " + incident.number() + " has " + parts.size()
                    + " parts and I can show you " + MAX_RESPONSES + " messages, so here are the newest " + shown
                    + " (parts " + (first + 1) + " to " + parts.size() + "). Left out: parts 1 to " + first + before
                    + ". The whole timeline is posted in the thread of the summary when the incident closes.", null);
        }
        for (ReportBlocks.TimelinePart part : parts.subList(first, parts.size())) {
            respond(ctx, part.message().text(), part.message().blocks());
        }
    }

    private static void respond(SlashCommandContext ctx, String text, List<com.slack.api.model.block.LayoutBlock> blocks) {
        try {
            ctx.respond(SlashCommandResponse.builder().responseType("ephemeral").text(text).blocks(blocks).build());
        } catch (Exception e) {
            throw new SlackCallException("response_url", e.getMessage(), e);
        }
    }

    private String openIncidents() {
        List<Incident> open = incidents.listOpen();
        if (open.isEmpty()) {
            return "No incident is open.";
        }
        StringBuilder text = new StringBuilder("*Open incidents*\n");
        for (Incident i : open) {
            text.append("• *").append(i.number()).append("* ").append(Mrkdwn.escape(i.title())).append(" (")
                    .append(i.severity().label()).append(", ").append(i.status().word()).append(") in <#")
                    .append(i.channelId()).append(">, since ")
                    .append(Mrkdwn.date(i.startedAt(), "{date_short_pretty} {time}", SHOWN.format(i.startedAt().atZone(zone))))
                    .append('\n');
        }
        return text.toString();
    }

    private static String announcement(Incident incident, String user, boolean ownChannel) {
        return ":rotating_light: <@" + user + "> opened *incident " + incident.number() + "*: "
                + Mrkdwn.escape(incident.title()) + " (" + incident.severity().label() + ")"
                + (ownChannel ? " in <#" + incident.channelId() + ">" : ". Everything said here is now recorded.");
    }

    private Response close(Command.Close close, SlashCommandPayload payload, SlashCommandContext ctx) {
        Incident incident = incidents.close(payload.getChannelId(), payload.getUserId(), close.resolution());
        later(ctx, "compiling the report of incident " + incident.number(), () -> {
            publisher.enqueue(incident.number());
            postReportsSoon.run();
            headerChanged.accept(incident.number());
        });
        return inChannel(ctx, ":white_check_mark: <@" + payload.getUserId() + "> closed *incident " + incident.number()
                + "*" + incident.resolutionText().map(r -> ": " + quote(r)).orElse("")
                + ". Compiling the timeline and the RCA skeleton...");
    }

    /** Runs slow work after the ack; a failure is logged and told to the person who asked. */
    private void later(SlashCommandContext ctx, String what, Runnable work) {
        executor.execute(() -> {
            try {
                work.run();
            } catch (SlackCallException e) {
                log.error("Failed {}: {} answered {}", what, e.method(), e.error(), e);
                tell(ctx, ":warning: " + SlackErrors.explain(e));
            } catch (IncidentException e) {
                tell(ctx, Mrkdwn.escape(e.getMessage()));
            } catch (RuntimeException e) {
                String ref = reference();
                log.error("Failed {} [ref {}]", what, ref, e);
                tell(ctx, ":warning: Something went wrong while " + what + " (ref `" + ref + "`).");
            }
        });
    }

    private static void tell(SlashCommandContext ctx, String text) {
        answer(ctx, "ephemeral", text);
    }

    /** Answers through the command's response_url, which works even where the bot is not a member. */
    private static void answer(SlashCommandContext ctx, String responseType, String text) {
        try {
            ctx.respond(SlashCommandResponse.builder().responseType(responseType).text(text).build());
        } catch (Exception e) {
            log.warn("Could not answer through response_url: {}", e.getMessage());
        }
    }

    /** User text quoted back: parsed, references written as names, so nothing pings twice. */
    private static String quote(String text) {
        return Mrkdwn.render(new SlackMarkup(Directory.ofIdsOnly()).parse(text));
    }

    private static Response ephemeral(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("ephemeral").text(text).build());
    }

    private static Response inChannel(SlashCommandContext ctx, String text) {
        return ctx.ack(SlashCommandResponse.builder().responseType("in_channel").text(text).build());
    }

    private static String reference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String firstWord(String text) {
        return text == null || text.isBlank() ? "" : text.strip().split("\\s+", 2)[0];
    }
}

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
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import java.util.UUID;
import java.util.concurrent.Executor;
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

    private final IncidentService incidents;
    private final IncidentStarter starter;
    private final ReportPublisher publisher;
    private final ChannelMode channelMode;
    private final Executor executor;

    public IncidentCommandListener(IncidentService incidents, IncidentStarter starter, ReportPublisher publisher,
                                   ChannelMode channelMode, Executor executor) {
        this.incidents = incidents;
        this.starter = starter;
        this.publisher = publisher;
        this.channelMode = channelMode;
        this.executor = executor;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload payload = request.getPayload();
        try {
            Command command = CommandParser.parse(payload.getText());
            if (command instanceof Command.Start start) {
                return start(start, payload, ctx);
            } else if (command instanceof Command.Note note) {
                incidents.note(payload.getChannelId(), payload.getUserId(), note.text());
                return inChannel(ctx, ":memo: Note added to the timeline by <@" + payload.getUserId() + ">: "
                        + quote(note.text()));
            } else if (command instanceof Command.Close close) {
                return close(close, payload, ctx);
            } else if (command instanceof Command.Unknown unknown) {
                return ephemeral(ctx, "I don't know `" + Mrkdwn.escape(unknown.word()) + "`.\n" + CommandParser.USAGE);
            }
            return ephemeral(ctx, CommandParser.USAGE);
        } catch (CommandException | IncidentException e) {
            return ephemeral(ctx, Mrkdwn.escape(e.getMessage()));
        } catch (RuntimeException e) {
            String ref = reference();
            log.error("/incident {} failed [ref {}]", firstWord(payload.getText()), ref, e);
            return ephemeral(ctx, "Something went wrong on my side (ref `" + ref + "`); nothing was changed.");
        }
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

    private static String announcement(Incident incident, String user, boolean ownChannel) {
        return ":rotating_light: <@" + user + "> opened *incident " + incident.number() + "*: "
                + Mrkdwn.escape(incident.title()) + " (" + incident.severity().label() + ")"
                + (ownChannel ? " in <#" + incident.channelId() + ">" : ". Everything said here is now recorded.");
    }

    private Response close(Command.Close close, SlashCommandPayload payload, SlashCommandContext ctx) {
        Incident incident = incidents.close(payload.getChannelId(), payload.getUserId(), close.resolution());
        later(ctx, "posting the report of incident " + incident.number(), () -> publisher.publish(incident.number()));
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

package dev.scribe.slack;

import dev.scribe.command.Command;
import dev.scribe.command.CommandParser;
import dev.scribe.incident.Incident;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.RoleChange;
import dev.scribe.incident.Roles;
import dev.scribe.incident.Severity;
import dev.scribe.incident.ShownTimes;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Directory;
import dev.scribe.report.SlackMarkup;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The texts {@code /incident} answers with, as Slack mrkdwn. Everything that is not the bot's own words goes through
 * {@link Mrkdwn}: titles, messages and usage escaped, user text quoted back parsed (references as names, so nothing
 * pings twice), times as date tokens each reader sees in their own zone. Pure: no Slack call.
 */
public final class CommandReplies {

    private static final DateTimeFormatter SHOWN = ShownTimes.DATE_TIME_ZONE;

    private final ZoneId zone;

    /** @param zone the zone of the fallback text shown where Slack cannot localise a date token */
    public CommandReplies(ZoneId zone) {
        this.zone = zone;
    }

    public String noteAdded(String userId, String text) {
        return ":memo: Note added to the timeline by <@" + userId + ">: " + quote(text);
    }

    public String statusSet(String userId, Status status) {
        return ":large_blue_circle: <@" + userId + "> set the status to *" + status.label() + "*.";
    }

    public String severitySet(String userId, Severity severity) {
        return ":rotating_light: <@" + userId + "> set the severity to *" + severity.label() + "*.";
    }

    public String commanderChanged(Incident incident) {
        return ":technologist: <@" + incident.commanderId() + "> is now the incident commander.";
    }

    /** The commander's role is announced as {@code lead} announces it; another role names itself. */
    public String roleChanged(RoleChange change) {
        if (change.role().equals(Roles.COMMANDER)) {
            return commanderChanged(change.incident());
        }
        return ":busts_in_silhouette: <@" + change.userId() + "> is now *" + Mrkdwn.escape(change.label())
                + "* of incident " + change.incident().number() + ".";
    }

    public String actionAdded(String userId, String text, Optional<String> ownerId) {
        return ":memo: Action item added by <@" + userId + ">: " + quote(text)
                + ownerId.map(o -> " (owner <@" + o + ">)").orElse(" (no owner yet)");
    }

    String reopened(String userId, Incident incident) {
        return ":arrows_counterclockwise: <@" + userId + "> reopened *incident " + incident.number() + "*: "
                + Mrkdwn.escape(incident.title()) + ". Recording again.";
    }

    String repostOfOpen(Incident incident) {
        return "Incident " + incident.number() + " is open; its report is posted when it closes.";
    }

    String reposting(Incident incident, int waiting) {
        return waiting == 0 ? "Every part of the report of incident " + incident.number() + " is posted already."
                : "Posting the rest of the report of incident " + incident.number() + " again now (" + waiting
                        + (waiting == 1 ? " part" : " parts") + " waiting). If Slack still refuses it, the commander "
                        + "gets a direct message saying why.";
    }

    public String closed(String userId, Incident incident) {
        return ":white_check_mark: <@" + userId + "> closed *incident " + incident.number() + "*"
                + incident.resolutionText().map(r -> ": " + quote(r)).orElse("")
                + ". Compiling the timeline and the RCA skeleton...";
    }

    /** The announcement of a new incident, in its own channel or in the one it was started in. */
    String opened(Incident incident, String userId, boolean ownChannel) {
        return ":rotating_light: <@" + userId + "> opened *incident " + incident.number() + "*: "
                + Mrkdwn.escape(incident.title()) + " (" + incident.severity().label() + ")"
                + (ownChannel ? " in <#" + incident.channelId() + ">" : ". Everything said here is now recorded.");
    }

    /** The announcement of an incident that had to stay where it was started, and why. */
    String openedHereInstead(Incident incident, String userId, String reason) {
        return opened(incident, userId, false) + "\n_I could not create a channel for it (`" + Mrkdwn.escape(reason)
                + "`), so it lives here._";
    }

    /** The ack of a start whose channel is being created after it. */
    String openingChannel(Command.Start start) {
        return ":hourglass_flowing_sand: Opening an incident channel for *" + Mrkdwn.escape(start.title())
                + "* (" + start.severity().label() + ")...";
    }

    /**
     * A backdated entry, its time as a date token read in {@code readIn}; {@code zoneUnknown} says the typist's own
     * zone could not be learnt, so the time was read in the configured one.
     */
    String addedAt(String userId, TimelineEntry entry, ZoneId readIn, boolean zoneUnknown) {
        String fellBack = zoneUnknown ? " (read in " + zone.getId() + ": I could not learn your Slack time zone)" : "";
        return ":clock3: <@" + userId + "> added to the timeline at "
                + Mrkdwn.date(entry.at(), "{date_short} {time}", SHOWN.format(entry.at().atZone(readIn))) + fellBack
                + " (" + entry.kind().label() + "): " + quote(entry.text());
    }

    String openIncidents(List<Incident> open) {
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

    /** The note before the newest parts of a timeline too long for one command's answers. */
    String timelineLeftOut(int number, int parts, int allowed, int shown, int first, Optional<Instant> firstShownFrom) {
        String before = firstShownFrom.map(at -> ", everything before " + SHOWN.format(at.atZone(zone))).orElse("");
        return ":information_source: The timeline of incident " + number + " has " + parts
                + " parts and I can show you " + allowed + " messages, so here are the newest " + shown
                + " (parts " + (first + 1) + " to " + parts + "). Left out: parts 1 to " + first + before
                + ". The whole timeline is posted in the thread of the summary when the incident closes.";
    }

    String usage(ReactionMap reactions) {
        return Mrkdwn.escape(CommandParser.usage(reactions));
    }

    String unknownSubcommand(String word, ReactionMap reactions) {
        return Mrkdwn.escape("I don't know `" + word + "`.\n" + CommandParser.usage(reactions));
    }

    /** A refusal of the command, whose message may quote what was typed. */
    public String refused(String message) {
        return Mrkdwn.escape(message);
    }

    public String failedBeforeAck(String reference) {
        return "Something went wrong on my side (ref `" + reference + "`); nothing was changed.";
    }

    String slackRefused(SlackCallException e) {
        return ":warning: " + SlackErrors.explain(e);
    }

    String failedAfterAck(String what, String reference) {
        return ":warning: Something went wrong while " + what + " (ref `" + reference + "`).";
    }

    /** A short id of one failure, in the reply and in the log line, so a report can be matched to its cause. */
    public static String newReference() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** User text quoted back: parsed, references written as names, so nothing pings twice. */
    private static String quote(String text) {
        return Mrkdwn.render(new SlackMarkup(Directory.ofIdsOnly()).parse(text));
    }
}

package dev.scribe.command;

import dev.scribe.incident.IncidentException;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TypedZone;
import dev.scribe.incident.UserText;
import dev.scribe.report.SlackMarkup;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text after {@code /incident}, as Slack sends it: mentions and links in its markup, {@code & < >}
 * as entities. A title is stored as the words a person reads (markup written out, entities decoded once);
 * notes, {@code at} texts, actions and resolutions stay in Slack's markup, like messages, so their mentions
 * can be shown by name. Words quoted back in an error are decoded too. Pure: no Slack, no storage.
 */
public final class CommandParser {

    /** The severity of an incident started without one. */
    public static final Severity DEFAULT_SEVERITY = Severity.SEV3;

    /** Longest note or resolution accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 3000;

    /**
     * Usage shown by {@code help} and with an unknown subcommand, its emoji legend taken from the table in force.
     * Plain text with Slack's bold and code marks: its {@code <title>} placeholders are not escaped here, the
     * Slack edge escapes it as it escapes every reply.
     */
    public static String usage(ReactionMap reactions) {
        String legend = reactions.legend();
        return String.join("\n",
                "*Incident Scribe* keeps the incident's timeline and writes the retro skeleton when it closes.",
                "`/incident start [sev1-sev4] <title>`: open an incident in its own channel (aliases: `declare`, `open`); with no title, a form",
                "`/incident note <text>`: add a key entry to the timeline now",
                "`/incident at <HH:MM | YYYY-MM-DD HH:MM> [zone] [:emoji:] <text>`: add an entry for something that already happened (in your Slack time zone unless you name one)",
                "`/incident status investigating|identified|monitoring|resolved`, `/incident sev <1-4>`, `/incident lead [@user]`",
                "`/incident role <role> [@user]`: give someone a role of the incident (you, when no one is named)",
                "`/incident action <text> [@owner]`: add an action item",
                "`/incident timeline`: show the timeline so far (only to you)",
                "`/incident close [resolution]`: close, then post the summary, timeline and RCA skeleton",
                "`/incident reopen`: reopen this channel's last closed incident; `/incident list`: open incidents",
                "`/incident web`: a personal sign-in link to the incident pages (only to you)",
                "`/incident repost [number]`: post a closed incident's report again, once its channel can take it",
                "`/incident help`: this help",
                "Every message in the incident channel is recorded, threads included."
                        + (legend.isEmpty() ? "" : " React to mark moments: " + legend + "."));
    }

    private static final Pattern AT = Pattern.compile(
            "^(?:(\\d{4}-\\d{2}-\\d{2})\\s+)?(\\d{1,2}):(\\d{2})(?:\\s+(.*))?$", Pattern.DOTALL);
    private static final Pattern LEADING_EMOJI = Pattern.compile("^(:[a-z0-9_+'-]+(?:::skin-tone-\\d)?:)\\s*(.*)$",
            Pattern.DOTALL);
    private static final Pattern MENTION = Pattern.compile("<@([A-Z0-9]+)(?:\\|[^>]*)?>");
    private static final Pattern TRAILING_MENTION = Pattern.compile("^(.*?)\\s*<@([A-Z0-9]+)(?:\\|[^>]*)?>\\s*$",
            Pattern.DOTALL);

    private CommandParser() {
    }

    /** Parses a command text; bad input is a {@link CommandException} naming what was wrong. */
    public static Command parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return new Command.Help();
        }
        String[] parts = trimmed.split("\\s+", 2);
        String word = parts[0].toLowerCase(Locale.ROOT);
        String rest = parts.length > 1 ? parts[1].strip() : "";
        return switch (word) {
            case "start", "declare", "open" -> start(rest);
            case "note" -> new Command.Note(requireText(rest, "note", "`/incident note rolled back to v2.40`"));
            case "close" -> new Command.Close(limited(rest, "resolution"));
            case "at" -> at(rest);
            case "status" -> new Command.SetStatus(Status.parse(rest).orElseThrow(() -> new CommandException(
                    (rest.isEmpty() ? "`status` needs a status" : "`" + SlackMarkup.decode(rest) + "` is not a status")
                            + ": use investigating, identified, monitoring or resolved.")));
            case "sev", "severity" -> new Command.SetSeverity(Severity.parse(rest).orElseThrow(() -> new CommandException(
                    (rest.isEmpty() ? "`sev` needs a severity" : "`" + SlackMarkup.decode(rest) + "` is not a severity")
                            + ": use 1, 2, 3 or 4 (1 is the worst).")));
            case "lead", "commander" -> lead(rest);
            case "role" -> role(rest);
            case "action" -> action(rest);
            case "timeline" -> new Command.ShowTimeline();
            case "reopen" -> new Command.Reopen();
            case "list" -> new Command.ListOpen();
            case "web" -> new Command.SignInLink();
            case "repost" -> repost(rest);
            case "help", "-h", "--help", "?" -> new Command.Help();
            default -> new Command.Unknown(SlackMarkup.decode(parts[0]));
        };
    }

    /** {@code repost [number]}: a number, with or without {@code #}, or none (the channel's last closed incident). */
    private static Command repost(String rest) {
        if (rest.isEmpty()) {
            return new Command.Repost(OptionalInt.empty());
        }
        String digits = rest.startsWith("#") ? rest.substring(1) : rest;
        if (!digits.matches("\\d{1,9}")) {
            throw new CommandException("`" + SlackMarkup.decode(rest) + "` is not an incident number: use "
                    + "`/incident repost 7`, or `/incident repost` in the incident's channel.");
        }
        return new Command.Repost(OptionalInt.of(Integer.parseInt(digits)));
    }

    private static Command start(String rest) {
        String[] parts = rest.split("\\s+", 2);
        Optional<Severity> severity = parts[0].toLowerCase(Locale.ROOT).matches("sev\\d+")
                ? Optional.of(Severity.parse(parts[0]).orElseThrow(() -> new CommandException(
                        "`" + SlackMarkup.decode(parts[0]) + "` is not a severity: use sev1, sev2, sev3 or sev4.")))
                : Optional.empty();
        String title = severity.isPresent() ? (parts.length > 1 ? parts[1] : "") : rest;
        if (UserText.oneLine(SlackMarkup.plainText(title)).isEmpty()) {
            return new Command.DeclareForm(severity.orElse(DEFAULT_SEVERITY));
        }
        try {
            return new Command.Start(severity.orElse(DEFAULT_SEVERITY), IncidentService.checkTitle(SlackMarkup.plainText(title)));
        } catch (RuntimeException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private static Command at(String rest) {
        Matcher m = AT.matcher(rest);
        String usage = "Use `/incident at HH:MM <text>` or `/incident at YYYY-MM-DD HH:MM <text>`, optionally with a zone "
                + "after the time (`EST`, `+01:00`, `Europe/London`), e.g. `/incident at 11:57 :boom: deploy of v2.41 to prod`.";
        if (!m.matches()) {
            throw new CommandException((rest.isEmpty() ? "`at` needs a time and text. " : "`" + SlackMarkup.decode(firstWord(rest))
                    + "` is not a time. ") + usage);
        }
        LocalDate date;
        LocalTime time;
        try {
            date = m.group(1) == null ? null : LocalDate.parse(m.group(1));
            time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            String given = (m.group(1) == null ? "" : m.group(1) + " ") + m.group(2) + ":" + m.group(3);
            throw new CommandException("`" + given + "` is not a valid date and time. " + usage);
        }
        String text = m.group(4) == null ? "" : m.group(4).strip();
        ZoneId zone = null;
        String[] zoneAndRest = text.split("\\s+", 2);
        try {
            Optional<ZoneId> typed = text.isEmpty() ? Optional.empty() : TypedZone.parse(SlackMarkup.decode(zoneAndRest[0]));
            if (typed.isPresent()) {
                zone = typed.get();
                text = zoneAndRest.length > 1 ? zoneAndRest[1].strip() : "";
            }
        } catch (IncidentException e) {
            throw new CommandException(e.getMessage());
        }
        String emoji = null;
        Matcher e = LEADING_EMOJI.matcher(text);
        if (e.matches()) {
            emoji = e.group(1);
            text = e.group(2).strip();
        }
        if (text.isEmpty()) {
            throw new CommandException("`at` needs text after the time. " + usage);
        }
        return new Command.At(date, time, zone, emoji, limited(text, "entry"));
    }

    private static Command lead(String rest) {
        if (rest.isEmpty()) {
            return new Command.Lead(Optional.empty());
        }
        Matcher m = MENTION.matcher(rest);
        if (!m.matches()) {
            throw new CommandException("Name the commander with an @mention, e.g. `/incident lead @dana`, "
                    + "or run `/incident lead` to take the lead yourself.");
        }
        return new Command.Lead(Optional.of(m.group(1)));
    }

    private static Command role(String rest) {
        String[] parts = rest.split("\\s+", 2);
        String role = SlackMarkup.decode(parts[0]);
        if (parts.length == 1) {
            return new Command.SetRole(role, Optional.empty());
        }
        Matcher m = MENTION.matcher(parts[1].strip());
        if (!m.matches()) {
            throw new CommandException("Name who takes the role with an @mention, e.g. `/incident role " + role
                    + " @dana`, or leave it out to take it yourself.");
        }
        return new Command.SetRole(role, Optional.of(m.group(1)));
    }

    private static Command action(String rest) {
        String text = requireText(rest, "action", "`/incident action add an alert on queue depth @dana`");
        Matcher m = TRAILING_MENTION.matcher(text);
        if (m.matches() && !m.group(1).isBlank()) {
            return new Command.Action(m.group(1).strip(), Optional.of(m.group(2)));
        }
        return new Command.Action(text, Optional.empty());
    }

    private static String firstWord(String text) {
        return text.split("\\s+", 2)[0];
    }

    private static String requireText(String rest, String what, String example) {
        if (rest.isEmpty()) {
            throw new CommandException((what.matches("[aeiou].*") ? "An " : "A ") + what + " needs text, e.g. " + example + ".");
        }
        return limited(rest, what);
    }

    private static String limited(String text, String what) {
        int length = text.codePointCount(0, text.length());
        if (length > MAX_TEXT_LENGTH) {
            throw new CommandException("The " + what + " is " + length + " characters long; the limit is "
                    + MAX_TEXT_LENGTH + ".");
        }
        return text;
    }
}

package dev.scribe.command;

import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import java.util.Locale;
import java.util.Optional;

/** Parses the text after {@code /incident}. Pure: no Slack, no storage. */
public final class CommandParser {

    /** The severity of an incident started without one. */
    public static final Severity DEFAULT_SEVERITY = Severity.SEV3;

    /** Longest note or resolution accepted, in characters. */
    public static final int MAX_TEXT_LENGTH = 3000;

    /** Usage shown by {@code help} and with every parse error. */
    public static final String USAGE = String.join("\n",
            "*Incident Scribe* keeps the incident's timeline and writes the retro skeleton when it closes.",
            "`/incident start [sev1-sev4] <title>`: open an incident in its own channel (aliases: `declare`, `open`)",
            "`/incident note <text>`: add a key entry to the timeline now",
            "`/incident close [resolution]`: close, then post the summary, timeline and RCA skeleton",
            "`/incident help`: this help",
            "Every message in the incident channel is recorded, threads included.");

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
            case "help", "-h", "--help", "?" -> new Command.Help();
            default -> new Command.Unknown(parts[0]);
        };
    }

    private static Command start(String rest) {
        String[] parts = rest.split("\\s+", 2);
        Optional<Severity> severity = parts[0].toLowerCase(Locale.ROOT).matches("sev\\d+")
                ? Optional.of(Severity.parse(parts[0]).orElseThrow(() -> new CommandException(
                        "`" + parts[0] + "` is not a severity: use sev1, sev2, sev3 or sev4.")))
                : Optional.empty();
        String title = severity.isPresent() ? (parts.length > 1 ? parts[1] : "") : rest;
        try {
            return new Command.Start(severity.orElse(DEFAULT_SEVERITY), IncidentService.checkTitle(title));
        } catch (RuntimeException e) {
            throw new CommandException(e.getMessage());
        }
    }

    private static String requireText(String rest, String what, String example) {
        if (rest.isEmpty()) {
            throw new CommandException("A " + what + " needs text, e.g. " + example + ".");
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

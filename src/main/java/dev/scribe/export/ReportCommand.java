package dev.scribe.export;

import dev.scribe.incident.IncidentException;
import dev.scribe.incident.ReactionMap;
import dev.scribe.incident.ShownTimes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code report}: writes the RCA skeleton of a channel in a Slack workspace export, with no Slack app and no
 * workspace at all. Bad input is one line on stderr and exit code 2.
 */
public final class ReportCommand {

    public static final String USAGE = String.join("\n",
            "Usage: java -jar incident-scribe.jar report --export <export.zip or folder> --channel <name>",
            "                  [--from <time>] [--to <time>] [--title <text>] [--commander <user>] [--out <file.md>]",
            "",
            "Writes the RCA skeleton (Markdown) of one channel of a standard Slack workspace export, the same",
            "report the bot posts on close: transcript with threads, reactions marking moments, key timings.",
            "  --export   the export's .zip or its unpacked folder (channels.json, users.json, <channel>/YYYY-MM-DD.json)",
            "  --channel  the channel's name, with or without #",
            "  --from     first moment to include; --to: the moment to stop before. YYYY-MM-DD, 'YYYY-MM-DD HH:MM'",
            "             (in SCRIBE_TIMEZONE, default UTC) or an ISO instant such as 2024-12-04T08:43:00Z",
            "  --title    the incident's title (default: the channel's purpose, else its name)",
            "  --commander  who led it, by user name or display name (default: the first person who wrote)",
            "  --out      write to this file instead of standard output",
            "SCRIBE_TIMEZONE and SCRIBE_REACTIONS apply as they do to the bot.");

    private static final List<String> OPTIONS = List.of("--export", "--channel", "--from", "--to", "--title", "--commander", "--out");
    private static final DateTimeFormatter DATE_TIME = ShownTimes.DATE_TIME;

    private ReportCommand() {
    }

    /**
     * The bot's settings that apply to a report (SCRIBE_TIMEZONE and SCRIBE_REACTIONS), handed in by whoever read
     * them, so that this package needs nothing of the bot's configuration.
     *
     * @param zone      the zone of the report's times and of the local times {@code --from} and {@code --to} take
     * @param reactions which emoji mark which kind of moment
     */
    public record Settings(ZoneId zone, ReactionMap reactions) {

        /** UTC and the default emoji table: the settings when none is set. */
        public static Settings defaults() {
            return new Settings(ZoneId.of("UTC"), ReactionMap.defaults());
        }
    }

    /**
     * Runs the command; returns the exit code. {@code settings} is asked once the options are read (so {@code --help}
     * and a bad option are answered whatever the settings); a malformed setting is an {@link IllegalArgumentException}
     * whose message names it, and becomes the one line printed.
     */
    public static int run(List<String> args, Supplier<Settings> settings, PrintStream out, PrintStream err) {
        return run(args, settings, out, err, Clock.systemUTC(), ExportFiles.Limits.DEFAULT);
    }

    /**
     * Runs the command with {@code clock} telling what "now" is (messages more than a day ahead of it are left
     * out) and {@code limits} on what it reads of the export. Every failure, even one nobody foresaw, is one line on
     * {@code err} and exit code 2: this is a tool people point at files they were handed, and a stack trace tells
     * them nothing.
     */
    static int run(List<String> args, Supplier<Settings> settings, PrintStream out, PrintStream err, Clock clock,
                   ExportFiles.Limits limits) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        try {
            Map<String, String> options = parse(args);
            Settings given = settings.get();
            ZoneId zone = given.zone();
            ReactionMap reactions = given.reactions();
            Path exportPath = Path.of(require(options, "--export"));
            String channelName = require(options, "--channel");
            Optional<Instant> from = Optional.ofNullable(options.get("--from")).map(v -> time("--from", v, zone, false));
            Optional<Instant> to = Optional.ofNullable(options.get("--to")).map(v -> time("--to", v, zone, true));
            String markdown;
            try (ExportFiles files = ExportFiles.open(exportPath, limits)) {
                SlackExport export = SlackExport.read(files);
                SlackExport.Channel channel = export.channel(channelName).orElseThrow(() -> new ExportException(
                        "the export has no channel '" + channelName + "'; it has " + someNames(export)));
                markdown = ExportReplay.report(export, new ExportReplay.Request(channel, from, to,
                        Optional.ofNullable(options.get("--title")), Optional.ofNullable(options.get("--commander")),
                        zone, reactions, clock.instant()), notice -> err.println("incident-scribe report: " + oneLine(notice)));
            }
            if (options.containsKey("--out")) {
                Path target = Path.of(options.get("--out"));
                // getBytes, not writeString: a lone surrogate from the export's JSON becomes '?' (as on stdout)
                // instead of failing the whole write.
                Files.write(target, markdown.getBytes(StandardCharsets.UTF_8));
                out.println("Wrote " + target + " (" + markdown.lines().count() + " lines)");
            } else {
                out.print(markdown);
                out.flush();
            }
            return 0;
        } catch (ExportException | IllegalArgumentException | IncidentException e) {
            err.println("incident-scribe report: " + oneLine(e.getMessage()));
            return 2;
        } catch (IOException e) {
            err.println("incident-scribe report: cannot write the report (" + oneLine(e.getMessage()) + ")");
            return 2;
        } catch (RuntimeException e) {
            err.println("incident-scribe report: failed on this export (" + oneLine(e.toString()) + ")");
            return 2;
        } catch (OutOfMemoryError e) {
            // Thrown from deep inside the read; by now what filled the heap is garbage, so this line can be printed.
            err.println("incident-scribe report: out of memory replaying the export; narrow it with --from/--to "
                    + "or give Java more memory (java -Xmx4g -jar ...)");
            return 2;
        }
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option '" + name + "'; the options are "
                        + String.join(", ", OPTIONS) + " (--help explains them)");
            }
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            if (options.put(name, args.get(++i)) != null) {
                throw new IllegalArgumentException(name + " is given twice");
            }
        }
        return options;
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required (--help explains the options)");
        }
        return value;
    }

    /** A day alone means its start for --from and the start of the next day for --to, so the day is included. */
    static Instant time(String option, String value, ZoneId zone, boolean endOfDay) {
        String v = value.strip();
        try {
            if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate day = LocalDate.parse(v);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (v.matches("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}")) {
                return LocalDateTime.parse(v.replace('T', ' '), DATE_TIME).atZone(zone).toInstant();
            }
            return Instant.parse(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a time; use YYYY-MM-DD, "
                    + "'YYYY-MM-DD HH:MM' (in " + zone + ") or an ISO instant such as 2024-12-04T08:43:00Z");
        }
    }

    private static String someNames(SlackExport export) {
        List<String> names = export.channels().stream().map(c -> "#" + c.name()).sorted().toList();
        if (names.isEmpty()) {
            return "none";
        }
        return names.stream().limit(8).collect(Collectors.joining(", ")) + (names.size() > 8 ? " ..." : "");
    }

    /** Line breaks and control characters (terminal escapes from a hostile export's names) become spaces. */
    private static String oneLine(String message) {
        return message == null ? "failed" : message.replaceAll("[\\s\\p{Cc}\\u0085\\u2028\\u2029]+", " ").strip();
    }
}

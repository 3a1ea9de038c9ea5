package dev.scribe.report;

import dev.scribe.incident.ReadBack;
import dev.scribe.incident.ReadBack.Recovery;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The words the report and the header use for what was read back from Slack rather than received live. Pure, and
 * free of user text, so the same line reads right in Markdown and in Slack's mrkdwn.
 */
public final class ReadBackText {

    /** What the header says while the channel is being read back. */
    public static final String IN_PROGRESS = ":hourglass_flowing_sand: Catching up: reading back what was said while "
            + "the bot was unreachable.";
    /** What a report compiled during a read-back says, so nobody takes it for complete. */
    static final String COMPILED_DURING = "The bot was still reading back what it missed when this report was compiled:"
            + " some messages may be missing.";

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_HH_MM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter ZONE = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private ReadBackText() {
    }

    /**
     * {@code 12 messages recovered after the bot was unreachable from 02:10 to 03:05 UTC}: the times in {@code zone},
     * each with its date when the two fall on different days.
     */
    public static String line(Recovery r, ZoneId zone) {
        ZonedDateTime from = r.from().atZone(zone);
        ZonedDateTime until = r.until().atZone(zone);
        DateTimeFormatter shown = from.toLocalDate().equals(until.toLocalDate()) ? HH_MM : DAY_HH_MM;
        return r.messages() + (r.messages() == 1 ? " message" : " messages") + " recovered after the bot was unreachable"
                + " from " + shown.format(from) + " to " + shown.format(until) + " " + ZONE.format(until);
    }

    /** Every line the report carries about what was read back: one per catch-up, then the warning if one is under way. */
    public static List<String> lines(ReadBack readBack, ZoneId zone) {
        List<String> lines = new ArrayList<>();
        readBack.recoveries().forEach(r -> lines.add(line(r, zone) + "."));
        if (readBack.inProgress()) {
            lines.add(COMPILED_DURING);
        }
        return lines;
    }
}

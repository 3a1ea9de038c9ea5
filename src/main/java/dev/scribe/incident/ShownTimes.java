package dev.scribe.incident;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How times are written out where Slack cannot show them in each reader's own zone (replies, the fallback of a date
 * token, the report): one format everywhere, so a time reads the same in every message. English zone names, so that
 * {@code EST} does not become another language's abbreviation on a machine set to it.
 */
public final class ShownTimes {

    /** {@code 2026-12-01 19:16 UTC}. */
    public static final DateTimeFormatter DATE_TIME_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.ENGLISH);
    /** {@code 2026-12-01 19:16}: a local time as typed, or as {@code report --from} takes it. */
    public static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ENGLISH);
    /** {@code 19:16}. */
    public static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

    private ShownTimes() {
    }
}

package dev.scribe.slack;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Names of incident channels: {@code inc-<yyyymmdd>-<slug>}, at most 80 characters, {@code -2}, {@code -3} on collisions. */
final class ChannelNames {

    /** Slack's limit on a channel name. */
    public static final int MAX_LENGTH = 80;

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private ChannelNames() {
    }

    /**
     * The channel name for an incident's title on a day.
     *
     * @param attempt 1 for the first try, 2 and up after {@code name_taken}
     */
    public static String forIncident(LocalDate day, String title, int attempt) {
        String prefix = "inc-" + DAY.format(day) + "-";
        String suffix = attempt > 1 ? "-" + attempt : "";
        String slug = slug(title);
        int room = MAX_LENGTH - prefix.length() - suffix.length();
        if (slug.length() > room) {
            slug = slug.substring(0, room).replaceAll("-+$", "");
        }
        if (slug.isEmpty()) {
            slug = "incident";
        }
        return prefix + slug + suffix;
    }

    /** Lowercase ASCII letters, digits and single dashes; accents dropped, other scripts removed. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
    }
}

package dev.scribe.incident;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time zone as people type it after a time in {@code /incident at}: a zone id ({@code America/New_York}, any
 * case), an offset ({@code +01:00}, {@code -0500}, {@code UTC+1}), or an abbreviation in capitals ({@code EST},
 * {@code CEST}). An abbreviation names one fixed offset, whatever the date: {@code EST} is -05:00 even in July,
 * which is what someone who types it means. Abbreviations used for more than one zone ({@code IST}) are not
 * taken; {@code CST} is North America's Central Standard Time.
 */
public final class TypedZone {

    /** The abbreviations taken, each with its fixed offset. */
    static final Map<String, ZoneOffset> ABBREVIATIONS = Map.ofEntries(
            Map.entry("EST", ZoneOffset.ofHours(-5)), Map.entry("EDT", ZoneOffset.ofHours(-4)),
            Map.entry("CST", ZoneOffset.ofHours(-6)), Map.entry("CDT", ZoneOffset.ofHours(-5)),
            Map.entry("MST", ZoneOffset.ofHours(-7)), Map.entry("MDT", ZoneOffset.ofHours(-6)),
            Map.entry("PST", ZoneOffset.ofHours(-8)), Map.entry("PDT", ZoneOffset.ofHours(-7)),
            Map.entry("AKST", ZoneOffset.ofHours(-9)), Map.entry("AKDT", ZoneOffset.ofHours(-8)),
            Map.entry("HST", ZoneOffset.ofHours(-10)),
            Map.entry("WET", ZoneOffset.ofHours(0)), Map.entry("WEST", ZoneOffset.ofHours(1)),
            Map.entry("BST", ZoneOffset.ofHours(1)),
            Map.entry("CET", ZoneOffset.ofHours(1)), Map.entry("CEST", ZoneOffset.ofHours(2)),
            Map.entry("EET", ZoneOffset.ofHours(2)), Map.entry("EEST", ZoneOffset.ofHours(3)),
            Map.entry("JST", ZoneOffset.ofHours(9)), Map.entry("KST", ZoneOffset.ofHours(9)),
            Map.entry("AWST", ZoneOffset.ofHours(8)),
            Map.entry("ACST", ZoneOffset.ofHoursMinutes(9, 30)), Map.entry("ACDT", ZoneOffset.ofHoursMinutes(10, 30)),
            Map.entry("AEST", ZoneOffset.ofHours(10)), Map.entry("AEDT", ZoneOffset.ofHours(11)),
            Map.entry("NZST", ZoneOffset.ofHours(12)), Map.entry("NZDT", ZoneOffset.ofHours(13)));

    private static final Pattern OFFSET = Pattern.compile("(UTC|GMT)?([+-])(\\d{1,2})(?::?(\\d{2}))?");
    /** The regions of the tz database: a word starting with one of these and a slash is meant as a zone id. */
    private static final Set<String> REGIONS = Set.of("africa", "america", "antarctica", "arctic", "asia", "atlantic",
            "australia", "europe", "indian", "pacific", "etc");
    private static final Map<String, String> ZONE_IDS = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        ZoneId.getAvailableZoneIds().forEach(id -> ZONE_IDS.put(id, id));
    }

    private TypedZone() {
    }

    /**
     * The zone a word names, or empty when the word is not a zone (it is then the start of the entry's text).
     *
     * @throws IncidentException when the word is shaped like a zone id or an offset but names none, e.g.
     *                           {@code America/New_Yrok} or {@code +25:00}: a typo, not text
     */
    public static Optional<ZoneId> parse(String word) {
        if (word.equals("UTC") || word.equals("GMT")) {
            return Optional.of(ZoneId.of("UTC"));
        }
        ZoneOffset abbreviation = ABBREVIATIONS.get(word);
        if (abbreviation != null) {
            return Optional.of(abbreviation);
        }
        Matcher offset = OFFSET.matcher(word);
        // A bare sign and hours ("+1") is more likely the start of the text than an offset: those need minutes.
        if (offset.matches() && (offset.group(1) != null || offset.group(4) != null)) {
            try {
                ZoneOffset o = ZoneOffset.ofHoursMinutes(Integer.parseInt(offset.group(2) + offset.group(3)),
                        Integer.parseInt(offset.group(2) + (offset.group(4) == null ? "0" : offset.group(4))));
                if (Math.abs(o.getTotalSeconds()) > 14 * 3600) {
                    throw new DateTimeException("beyond the offsets in use");
                }
                return Optional.of(o.getTotalSeconds() == 0 ? ZoneId.of("UTC") : o);
            } catch (DateTimeException e) {
                throw new IncidentException("`" + word + "` is not an offset: offsets run from -12:00 to +14:00, "
                        + "e.g. `+01:00` or `-05:00`.");
            }
        }
        int slash = word.indexOf('/');
        if (slash > 0 && REGIONS.contains(word.substring(0, slash).toLowerCase(Locale.ROOT))) {
            String id = ZONE_IDS.get(word);
            if (id == null) {
                throw new IncidentException("`" + word + "` is not a time zone I know; use one like "
                        + "`America/New_York`, an offset like `-05:00`, or an abbreviation like `EST`.");
            }
            return Optional.of(ZoneId.of(id));
        }
        return Optional.empty();
    }

    /**
     * How to type {@code offset} so that {@link #parse} reads it back: the abbreviation shown for it when that is
     * one of ours with the same offset ({@code EDT}), else the offset itself ({@code -04:00}).
     */
    static String typed(ZoneOffset offset, String abbreviation) {
        if (offset.getTotalSeconds() == 0) {
            return abbreviation.equals("GMT") ? "GMT" : "UTC";
        }
        return offset.equals(ABBREVIATIONS.get(abbreviation)) ? abbreviation : offset.getId();
    }
}

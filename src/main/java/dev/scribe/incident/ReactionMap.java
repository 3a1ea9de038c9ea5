package dev.scribe.incident;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Which emoji marks which kind of moment: the product's table, changed by {@code SCRIBE_REACTIONS}. */
public final class ReactionMap {

    private static final Map<String, EntryKind> DEFAULTS;

    static {
        Map<String, EntryKind> m = new LinkedHashMap<>();
        m.put("pushpin", EntryKind.KEY);
        m.put("round_pushpin", EntryKind.KEY);
        m.put("boom", EntryKind.TRIGGER);
        m.put("rotating_light", EntryKind.DETECTED);
        m.put("eyes", EntryKind.ACKNOWLEDGED);
        m.put("bulb", EntryKind.CAUSE_IDENTIFIED);
        m.put("adhesive_bandage", EntryKind.MITIGATED);
        m.put("white_check_mark", EntryKind.RESOLVED);
        m.put("heavy_check_mark", EntryKind.RESOLVED);
        m.put("memo", EntryKind.ACTION_ITEM);
        m.put("sparkles", EntryKind.WENT_WELL);
        m.put("warning", EntryKind.WENT_BADLY);
        DEFAULTS = Collections.unmodifiableMap(m);
    }

    private final Map<String, EntryKind> byEmoji;

    private ReactionMap(Map<String, EntryKind> byEmoji) {
        // Insertion order kept: the legend lists a kind's emoji in the order the table names them.
        this.byEmoji = Collections.unmodifiableMap(new LinkedHashMap<>(byEmoji));
    }

    /** The product's default table. */
    public static ReactionMap defaults() {
        return new ReactionMap(DEFAULTS);
    }

    /**
     * The defaults changed by a spec such as {@code stopwatch=key,fire=detected,warning=none}: each pair adds or
     * replaces an emoji; {@code none} removes one.
     *
     * @throws IllegalArgumentException naming the pair that is wrong and what is accepted
     */
    public static ReactionMap parse(String spec) {
        Map<String, EntryKind> m = new LinkedHashMap<>(DEFAULTS);
        for (String pair : spec.split(",")) {
            String p = pair.strip();
            if (p.isEmpty()) {
                continue;
            }
            String[] parts = p.split("=", -1);
            String emoji = parts.length == 2 ? normalize(parts[0]) : "";
            if (parts.length != 2 || !emoji.matches("[a-z0-9_+'-]+")) {
                throw new IllegalArgumentException("'" + p + "' is not emoji=kind (e.g. stopwatch=key)");
            }
            String kind = parts[1].strip().toLowerCase(Locale.ROOT);
            if (kind.equals("none")) {
                m.remove(emoji);
                continue;
            }
            EntryKind k = EntryKind.parseMarkable(kind).orElseThrow(() -> new IllegalArgumentException(
                    "'" + parts[1].strip() + "' in '" + p + "' is not a kind; use one of " + markableKinds() + " or none"));
            m.put(emoji, k);
        }
        return new ReactionMap(m);
    }

    /** The kind an emoji marks; skin tones and colons are ignored ({@code :+1::skin-tone-3:} is {@code +1}). */
    public Optional<EntryKind> kindOf(String reaction) {
        return reaction == null ? Optional.empty() : Optional.ofNullable(byEmoji.get(normalize(reaction)));
    }

    /**
     * What each emoji of this table marks, for people to read: every kind that has an emoji, in the order of
     * {@link EntryKind}, e.g. {@code :pushpin: or :round_pushpin: key event, :boom: trigger, ...}. Emoji names are
     * {@code [a-z0-9_+'-]}, so the text needs no escaping in Slack's mrkdwn. Empty when no emoji marks anything.
     */
    public String legend() {
        List<String> parts = new ArrayList<>();
        for (EntryKind kind : EntryKind.values()) {
            List<String> emoji = byEmoji.entrySet().stream().filter(e -> e.getValue() == kind)
                    .map(e -> ":" + e.getKey() + ":").toList();
            if (!emoji.isEmpty()) {
                parts.add(String.join(" or ", emoji) + " " + kind.label().toLowerCase(Locale.ROOT));
            }
        }
        return String.join(", ", parts);
    }

    /** The emoji names, normalised, for a leading {@code :emoji:} in {@code at}. */
    public static String normalize(String reaction) {
        String r = reaction.strip().toLowerCase(Locale.ROOT);
        if (r.startsWith(":") && r.endsWith(":") && r.length() > 1) {
            r = r.substring(1, r.length() - 1);
        }
        int tone = r.indexOf("::skin-tone-");
        return tone >= 0 ? r.substring(0, tone) : r;
    }

    private static String markableKinds() {
        StringBuilder s = new StringBuilder();
        for (EntryKind k : EntryKind.values()) {
            if (k.isMarkable()) {
                s.append(s.length() == 0 ? "" : ", ").append(k.name().toLowerCase(Locale.ROOT));
            }
        }
        return s.toString();
    }
}

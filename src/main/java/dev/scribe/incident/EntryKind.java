package dev.scribe.incident;

import java.util.Locale;

/**
 * What a timeline entry is. The first ten are the kinds people mark messages with (reactions, or a
 * leading emoji on {@code at}); the rest are written by the bot for commands and lifecycle changes.
 */
public enum EntryKind {
    KEY("Key event", false),
    TRIGGER("Trigger", true),
    DETECTED("Detected", true),
    ACKNOWLEDGED("Acknowledged", true),
    CAUSE_IDENTIFIED("Cause identified", true),
    MITIGATED("Mitigated", true),
    RESOLVED("Resolved", true),
    ACTION_ITEM("Action item", false),
    WENT_WELL("Went well", false),
    WENT_BADLY("Went badly", false),
    NOTE("Note", false),
    /** What was known when the incident was declared from the form: the report's answer under Impact. */
    IMPACT("Impact", false),
    STARTED("Started", false),
    STATUS("Status", false),
    SEVERITY("Severity", false),
    LEAD("Commander", false),
    ROLE("Role", false),
    CLOSED("Closed", false),
    REOPENED("Reopened", false);

    private final String label;
    private final boolean movesKeyTiming;

    EntryKind(String label, boolean movesKeyTiming) {
        this.label = label;
        this.movesKeyTiming = movesKeyTiming;
    }

    /** The label shown in reports, e.g. {@code Cause identified}. */
    public String label() {
        return label;
    }

    /**
     * True for the kinds whose earliest entry is a key timing ({@code KeyTimings}): a mark or an {@code at} of such a
     * kind can move one, so the pinned header is refreshed. A {@link #STATUS} change can move one too (by its status
     * word, not its kind), and the header is refreshed on every status change anyway; the start and the close are
     * the incident's own times, not entries that move them.
     */
    public boolean movesKeyTiming() {
        return movesKeyTiming;
    }

    /** True for the kinds a person can mark a message with. */
    public boolean isMarkable() {
        return ordinal() <= WENT_BADLY.ordinal();
    }

    /** The kind for a word such as {@code cause_identified} or {@code cause-identified}, any case. */
    public static java.util.Optional<EntryKind> parseMarkable(String word) {
        String w = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (EntryKind k : values()) {
            if (k.isMarkable() && k.name().equals(w)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}

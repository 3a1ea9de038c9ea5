package dev.scribe.incident;

import java.util.Locale;

/**
 * What a timeline entry is. The first ten are the kinds people mark messages with (reactions, or a
 * leading emoji on {@code at}); the rest are written by the bot for commands and lifecycle changes.
 */
public enum EntryKind {
    KEY("Key event"),
    TRIGGER("Trigger"),
    DETECTED("Detected"),
    ACKNOWLEDGED("Acknowledged"),
    CAUSE_IDENTIFIED("Cause identified"),
    MITIGATED("Mitigated"),
    RESOLVED("Resolved"),
    ACTION_ITEM("Action item"),
    WENT_WELL("Went well"),
    WENT_BADLY("Went badly"),
    NOTE("Note"),
    STARTED("Started"),
    STATUS("Status"),
    SEVERITY("Severity"),
    LEAD("Commander"),
    CLOSED("Closed"),
    REOPENED("Reopened");

    private final String label;

    EntryKind(String label) {
        this.label = label;
    }

    /** The label shown in reports, e.g. {@code Cause identified}. */
    public String label() {
        return label;
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

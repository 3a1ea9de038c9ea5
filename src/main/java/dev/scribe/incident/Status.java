package dev.scribe.incident;

import java.util.Locale;
import java.util.Optional;

/** Where the response stands while the incident is open. Closing is separate: see {@link Incident#isOpen()}. */
public enum Status {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    /** The status for its lowercase word, e.g. {@code monitoring}. */
    public static Optional<Status> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        for (Status s : values()) {
            if (s.word().equals(word.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The lowercase word used in commands and reports. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The word capitalised for display, e.g. {@code Investigating}. */
    public String label() {
        String w = word();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}

package dev.scribe.incident;

import java.util.Locale;
import java.util.Optional;

/** How bad an incident is, SEV1 (worst) to SEV4. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4;

    /** The severity for {@code sev1}..{@code sev4} or {@code 1}..{@code 4}, any case. */
    public static Optional<Severity> parse(String word) {
        if (word == null) {
            return Optional.empty();
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        if (w.startsWith("sev")) {
            w = w.substring(3);
        }
        return switch (w) {
            case "1" -> Optional.of(SEV1);
            case "2" -> Optional.of(SEV2);
            case "3" -> Optional.of(SEV3);
            case "4" -> Optional.of(SEV4);
            default -> Optional.empty();
        };
    }

    /** The label users see, e.g. {@code SEV2}. */
    public String label() {
        return name();
    }
}

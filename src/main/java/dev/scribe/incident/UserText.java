package dev.scribe.incident;

/**
 * The characters of user text no output may carry as they are. Text is stored exactly as sent; every renderer
 * (Markdown, Slack mrkdwn) passes it through {@link #clean} first, so a control character, an invisible character
 * or a line break Markdown or Slack would not see as one can never reach a reader or forge a line.
 */
public final class UserText {
    private UserText() {
    }

    /**
     * Line breaks of every kind ({@code \r\n}, a lone {@code \r}, VT, FF, NEL, U+2028, U+2029) become {@code \n},
     * a tab a space; other control characters (NUL, ESC ...), bidirectional controls (U+202E and its kin) and
     * zero-width characters are dropped. Zero-width joiners stay: emoji sequences and several scripts need them.
     */
    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        if (isClean(text)) {
            return text;
        }
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 >= n || text.charAt(i + 1) != '\n') {
                    out.append('\n');
                }
            } else if (c == 0x0B || c == 0x0C || c == 0x85 || c == '\u2028' || c == '\u2029') {
                out.append('\n');
            } else if (c == '\t') {
                out.append(' ');
            } else if (c == '\n' || !isDropped(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True when {@link #clean} would change nothing: the common case, checked without copying. */
    private static boolean isClean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\n' && (c == '\r' || c == '\t' || c == 0x85 || c == '\u2028' || c == '\u2029' || isDropped(c))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #clean}, then every line break and run of spaces collapsed into one space, stripped: for titles. */
    public static String oneLine(String text) {
        String clean = clean(text);
        if (clean.indexOf('\n') < 0 && !clean.contains("  ")) {
            return clean.strip();
        }
        StringBuilder out = new StringBuilder(clean.length());
        for (int i = 0; i < clean.length(); i++) {
            char c = clean.charAt(i) == '\n' ? ' ' : clean.charAt(i);
            if (c != ' ' || out.isEmpty() || out.charAt(out.length() - 1) != ' ') {
                out.append(c);
            }
        }
        return out.toString().strip();
    }

    /** Writes plain text in Slack's encoding ({@code & < >} escaped), the encoding timeline entries are stored in. */
    public static String asSlackMarkup(String plain) {
        return plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Control, bidirectional and zero-width characters {@link #clean} drops (line breaks and tabs it replaces). */
    public static boolean isDropped(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || c == '\u200B' || c == '\u200E' || c == '\u200F' || c == '\u061C'
                || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2060' && c <= '\u2064') || (c >= '\u2066' && c <= '\u2069')
                || c == '\uFEFF' || (c >= '\uFFF9' && c <= '\uFFFB');
    }
}

package dev.scribe.logging;

/**
 * Text that came from outside (Slack payloads, request bodies, exception messages that echo them) made safe for one
 * log line: line breaks, escape sequences and other control or invisible characters are written as {@code \n},
 * {@code \u001b} ..., so nobody can forge a log line or drive an operator's terminal, and it is cut at
 * {@link #MAX_CHARS}.
 */
public final class LogSafe {

    /** Longest text logged from one value; Slack ids and ts are far shorter, bodies are never logged whole. */
    public static final int MAX_CHARS = 200;

    private LogSafe() {
    }

    /** The text escaped for a log line; {@code "null"} for null. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        int i = 0;
        while (i < text.length() && out.length() < MAX_CHARS) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            switch (cp) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (isUnsafe(cp)) {
                        out.append(String.format("\\u%04x", cp));
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
            }
        }
        if (i < text.length()) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** Control characters, line and paragraph separators, bidirectional overrides and zero-width characters. */
    static boolean isUnsafe(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.SURROGATE;
    }
}

package dev.scribe.report;

import dev.scribe.incident.UserText;
import dev.scribe.report.RichText.Broadcast;
import dev.scribe.report.RichText.ChannelRef;
import dev.scribe.report.RichText.Link;
import dev.scribe.report.RichText.Plain;
import dev.scribe.report.RichText.UserRef;
import java.util.regex.Pattern;

/**
 * Writes user text as Markdown that renders the way it was typed and can never make structure of its own: no
 * raw HTML, no link other than an http, https or mailto link of the message, and no block (heading, list, quote,
 * table, fence, code, thematic break) started by user text, whatever line breaks ({@code \r}, U+2028 ...) or
 * control characters it holds. Inline emphasis stays as typed.
 */
final class MarkdownText {

    /**
     * What would start a block at the beginning of a line (after the leading spaces, which are dropped): an ATX
     * heading, a bullet or ordered list item, a thematic break, a setext underline, a code fence. Quotes and HTML
     * need {@code >} and {@code <}, tables a pipe: those are always escaped.
     */
    private static final Pattern BLOCK_START = Pattern.compile("^(?:#{1,6}(?:[ \\t]|$)|[*+-](?:[ \\t]|$)"
            + "|[*_-](?:[ \\t]*[*_-]){2,}[ \\t]*$|=+[ \\t]*$|-+[ \\t]*$|`{3,}|~{3,}|\\d{1,9}[.)](?:[ \\t]|$))");
    private static final Pattern ENTITY = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");

    private MarkdownText() {
    }

    /** For a table cell: one line, pipes escaped, line breaks as {@code <br>}. */
    static String cell(RichText text) {
        return render(text).replace("\n", "<br>");
    }

    /** For a list item: continuation lines indented under the item, none of them able to start a block. */
    static String listItem(RichText text, String indent) {
        String[] lines = render(text).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.append('\n').append(indent);
            }
            out.append(inert(lines[i].stripLeading()));
        }
        return out.toString();
    }

    /** A plain string (a name, a title) for a table cell. */
    static String cell(String text) {
        return cell(RichText.plain(text));
    }

    /** A plain string (a name, a title) inside a line: one line, escaped. */
    static String inline(String text) {
        return plain(UserText.oneLine(text));
    }

    private static String render(RichText text) {
        StringBuilder out = new StringBuilder();
        for (RichText.Segment s : text.segments()) {
            if (s instanceof Plain p) {
                out.append(plain(UserText.clean(p.text())));
            } else if (s instanceof UserRef u) {
                out.append('@').append(inline(u.name()));
            } else if (s instanceof ChannelRef c) {
                out.append('#').append(inline(c.name()));
            } else if (s instanceof Broadcast b) {
                out.append('@').append(inline(b.word()));
            } else if (s instanceof Link l && Link.isLinkable(l.url())) {
                out.append('[').append(inline(l.label())).append("](").append(destination(l.url())).append(')');
            } else if (s instanceof Link l) {
                out.append(inline(l.label()));
            }
        }
        return out.toString();
    }

    /**
     * Plain text with everything Markdown would read as syntax beyond emphasis escaped: a backslash before
     * punctuation, angle brackets (HTML, autolinks), entity references, brackets (links, images) and pipes.
     */
    private static String plain(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append(i + 1 < s.length() && isAsciiPunctuation(s.charAt(i + 1)) ? "\\\\" : "\\");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '[', ']', '|' -> out.append('\\').append(c);
                case '&' -> out.append(ENTITY.matcher(s).region(i, s.length()).lookingAt() ? "\\&" : "&");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A line whose first character cannot open a block: a backslash goes before it. */
    private static String inert(String line) {
        if (!BLOCK_START.matcher(line).find()) {
            return line;
        }
        // An ordered item's marker is its delimiter: "1\\. x". Everything else is escaped at its first character.
        int at = 0;
        while (Character.isDigit(line.charAt(at))) {
            at++;
        }
        return line.substring(0, at) + "\\" + line.substring(at);
    }

    /** A link destination that cannot end early or leave its table cell. */
    private static String destination(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (char c : UserText.clean(url).toCharArray()) {
            if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '|') {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}

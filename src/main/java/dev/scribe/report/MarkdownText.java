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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private MarkdownText() {
    }

    /** For a table cell: one line, pipes escaped, line breaks as {@code <br>}. */
    static String cell(RichText text) {
        return render(text, "<br>").toString();
    }

    /** For a list item: continuation lines indented under the item, none of them able to start a block. */
    static String listItem(RichText text, String indent) {
        StringBuilder rendered = render(text, "\n");
        if (rendered.indexOf("\n") < 0) {
            return inert(rendered.toString().stripLeading());
        }
        String[] lines = rendered.toString().split("\n", -1);
        StringBuilder out = new StringBuilder(rendered.length() + lines.length * (indent.length() + 1));
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
        StringBuilder out = new StringBuilder(text.length() + 8);
        plain(UserText.oneLine(text), " ", out);
        return out.toString();
    }

    /** Renders every segment, writing each line break of the text as {@code lineBreak}. Called once a message: kept lean. */
    private static StringBuilder render(RichText text, String lineBreak) {
        StringBuilder out = new StringBuilder(64);
        for (RichText.Segment s : text.segments()) {
            if (s instanceof Plain p) {
                plain(p.text(), lineBreak, out);
            } else if (s instanceof UserRef u) {
                out.append('@').append(inline(u.name()));
            } else if (s instanceof ChannelRef c) {
                out.append('#').append(inline(c.name()));
            } else if (s instanceof Broadcast b) {
                out.append('@').append(inline(b.word()));
            } else if (s instanceof Link l && Link.isLinkable(l.url())) {
                out.append('[').append(inline(l.label())).append("](");
                destination(l.url(), out);
                out.append(')');
            } else if (s instanceof Link l) {
                out.append(inline(l.label()));
            }
        }
        return out;
    }

    /**
     * Plain text, its characters cleaned as {@link UserText#clean} does, with everything Markdown would read as
     * syntax beyond emphasis escaped: a backslash before punctuation, angle brackets (HTML, autolinks), entity
     * references, brackets (links, images) and pipes (tables). One pass, no copy: it runs on every message.
     */
    private static void plain(String s, String lineBreak, StringBuilder out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append(i + 1 < n && isAsciiPunctuation(s.charAt(i + 1)) ? "\\\\" : "\\");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '[', ']', '|' -> out.append('\\').append(c);
                case '&' -> out.append(startsEntity(s, i + 1) ? "\\&" : "&");
                case '\n', '\013', '\014', '\u0085', '\u2028', '\u2029' -> out.append(lineBreak);
                case '\r' -> {
                    if (i + 1 >= n || s.charAt(i + 1) != '\n') {
                        out.append(lineBreak);
                    }
                }
                case '\t' -> out.append(' ');
                default -> {
                    if (!UserText.isDropped(c)) {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** True when {@code &} followed by {@code s} from {@code from} would be read as an entity: {@code &lt;}, {@code &#60;}. */
    private static boolean startsEntity(String s, int from) {
        int i = from < s.length() && s.charAt(from) == '#' ? from + 1 : from;
        int start = i;
        while (i < s.length() && i - start < 32 && (Character.isLetterOrDigit(s.charAt(i)) && s.charAt(i) < 128)) {
            i++;
        }
        return i > start && i < s.length() && s.charAt(i) == ';';
    }

    /** A line whose first character cannot open a block: a backslash goes before it. */
    private static String inert(String line) {
        if (line.isEmpty() || "#*+-=_`~0123456789".indexOf(line.charAt(0)) < 0 || !BLOCK_START.matcher(line).find()) {
            return line;
        }
        // An ordered item's marker is its delimiter, escaped as 1\. x; everything else is escaped at its first character.
        int at = 0;
        while (Character.isDigit(line.charAt(at))) {
            at++;
        }
        return line.substring(0, at) + "\\" + line.substring(at);
    }

    /** A link destination that cannot end early or leave its table cell: spaces, controls and {@code ()<>\\|} percent-encoded. */
    private static void destination(String url, StringBuilder out) {
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\' || c == '|' || c >= 0x7F && c <= 0x9F) {
                out.append('%').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else if (!UserText.isDropped(c) && c != '\u2028' && c != '\u2029') {
                out.append(c);
            }
        }
    }

    private static boolean isAsciiPunctuation(char c) {
        return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~';
    }
}

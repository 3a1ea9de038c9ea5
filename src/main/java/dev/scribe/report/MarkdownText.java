package dev.scribe.report;

import dev.scribe.report.RichText.Broadcast;
import dev.scribe.report.RichText.ChannelRef;
import dev.scribe.report.RichText.Link;
import dev.scribe.report.RichText.Plain;
import dev.scribe.report.RichText.UserRef;

/** Writes {@link RichText} as Markdown that renders the way it was typed and cannot carry raw HTML. */
final class MarkdownText {
    private MarkdownText() {
    }

    /** For a table cell: one line, pipes escaped. */
    static String cell(RichText text) {
        return render(text).replace("|", "\\|").replace("\r\n", "\n").replace("\n", "<br>");
    }

    /** For a list item: continuation lines indented under the item. */
    static String listItem(RichText text, String indent) {
        return render(text).replace("\r\n", "\n").replace("\n", "\n" + indent);
    }

    /** A plain string (a name, a title) for a table cell. */
    static String cell(String text) {
        return cell(RichText.plain(text));
    }

    private static String render(RichText text) {
        StringBuilder out = new StringBuilder();
        for (RichText.Segment s : text.segments()) {
            if (s instanceof Plain p) {
                out.append(escape(p.text()));
            } else if (s instanceof UserRef u) {
                out.append('@').append(escape(u.name()));
            } else if (s instanceof ChannelRef c) {
                out.append('#').append(escape(c.name()));
            } else if (s instanceof Broadcast b) {
                out.append('@').append(escape(b.word()));
            } else if (s instanceof Link l) {
                out.append('[').append(escape(l.label()).replace("]", "\\]")).append("](")
                        .append(l.url().replace(" ", "%20").replace(")", "%29")).append(')');
            }
        }
        return out.toString();
    }

    /** Keeps angle brackets from becoming HTML (or Slack syntax, were the file pasted back into Slack). */
    static String escape(String s) {
        return s.replace("<", "&lt;").replace(">", "&gt;");
    }
}

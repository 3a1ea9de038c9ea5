package dev.scribe.slack;

import dev.scribe.report.RichText;
import java.time.Instant;

/**
 * Writes text for Slack's mrkdwn. User text is always escaped ({@code & < >}), so a quoted
 * {@code <!channel>} or {@code <@U1>} can never ping anyone again; references are written as plain names.
 */
public final class Mrkdwn {
    private Mrkdwn() {
    }

    /** Escapes the three characters Slack gives meaning to. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Renders a parsed text: names as {@code @name}, links as links, broadcasts as inert words. */
    public static String render(RichText text) {
        StringBuilder out = new StringBuilder();
        for (RichText.Segment s : text.segments()) {
            if (s instanceof RichText.Plain p) {
                out.append(escape(p.text()));
            } else if (s instanceof RichText.UserRef u) {
                out.append('@').append(escape(u.name()));
            } else if (s instanceof RichText.ChannelRef c) {
                out.append('#').append(escape(c.name()));
            } else if (s instanceof RichText.Broadcast b) {
                out.append('@').append(escape(b.word()));
            } else if (s instanceof RichText.Link l) {
                out.append('<').append(escape(l.url())).append('|').append(escape(l.label()).replace("|", "/")).append('>');
            }
        }
        return out.toString();
    }

    /** A date Slack shows in each reader's own time zone, with a fallback for clients that cannot. */
    public static String date(Instant at, String format, String fallback) {
        return "<!date^" + at.getEpochSecond() + "^" + format + "|" + escape(fallback) + ">";
    }

    /** Cuts text to a length, ending in an ellipsis, without splitting a surrogate pair or an escape. */
    public static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isLowSurrogate(text.charAt(end))) {
            end--;
        }
        int amp = text.lastIndexOf('&', end);
        if (amp >= 0 && amp > end - 6 && text.indexOf(';', amp) >= end) {
            end = amp;
        }
        int lt = text.lastIndexOf('<', end);
        if (lt >= 0 && text.indexOf('>', lt) >= end) {
            end = lt;
        }
        return text.substring(0, end) + "…";
    }
}

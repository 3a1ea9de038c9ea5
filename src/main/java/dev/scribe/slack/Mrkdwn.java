package dev.scribe.slack;

import dev.scribe.incident.UserText;
import dev.scribe.report.RichText;
import java.time.Instant;

/**
 * Writes text for Slack's mrkdwn: the one escaping path of everything the bot sends to Slack. User text is
 * always escaped ({@code & < >}), so a quoted {@code <!channel>} or {@code <@U1>} can never ping anyone again;
 * control and invisible characters are dropped ({@link UserText#clean}); references are written as plain names;
 * only http, https and mailto links stay links.
 */
public final class Mrkdwn {
    private Mrkdwn() {
    }

    /**
     * Plain text (what a person typed, decoded) as mrkdwn that shows it as it is: the three characters Slack
     * gives meaning to escaped once, control characters neutralised.
     */
    public static String escape(String text) {
        return UserText.asSlackMarkup(UserText.clean(text));
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
            } else if (s instanceof RichText.Link l && RichText.Link.isLinkable(l.url())) {
                out.append('<').append(escape(url(l.url()))).append('|').append(escape(l.label()).replace("|", "/")).append('>');
            } else if (s instanceof RichText.Link l) {
                out.append(escape(l.label()));
            }
        }
        return out.toString();
    }

    /** A url that cannot end the link early: its label separator, spaces and line breaks percent-encoded. */
    private static String url(String url) {
        StringBuilder out = new StringBuilder(url.length());
        for (char c : UserText.clean(url).toCharArray()) {
            if (c == '|' || c == ' ' || c == '\n') {
                out.append('%').append(String.format("%02X", (int) c));
            } else {
                out.append(c);
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

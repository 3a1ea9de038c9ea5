package dev.scribe.report;

import dev.scribe.report.RichText.Broadcast;
import dev.scribe.report.RichText.ChannelRef;
import dev.scribe.report.RichText.Link;
import dev.scribe.report.RichText.Plain;
import dev.scribe.report.RichText.Segment;
import dev.scribe.report.RichText.UserRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Slack's message encoding: {@code <@U1|name>}, {@code <#C1|name>}, {@code <!here>},
 * {@code <!subteam^S1|@team>}, {@code <!date^...|fallback>}, {@code <url|label>} and the escapes
 * {@code &amp; &lt; &gt;}. Anything that does not parse stays as plain text, decoded.
 */
public final class SlackMarkup {

    private final Directory directory;

    public SlackMarkup(Directory directory) {
        this.directory = directory;
    }

    /** Parses one encoded text. */
    public RichText parse(String encoded) {
        List<Segment> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            int close = c == '<' ? encoded.indexOf('>', i + 1) : -1;
            if (close > i) {
                Segment ref = reference(encoded.substring(i + 1, close));
                if (ref != null) {
                    flush(plain, out);
                    out.add(ref);
                    i = close + 1;
                    continue;
                }
            }
            plain.append(c);
            i++;
        }
        flush(plain, out);
        return new RichText(out);
    }

    /** The user ids mentioned in an encoded text, to look their names up before compiling. */
    public static List<String> mentionedUsers(String encoded) {
        List<String> ids = new ArrayList<>();
        int i = encoded.indexOf("<@");
        while (i >= 0) {
            int end = encoded.indexOf('>', i);
            if (end < 0) {
                break;
            }
            String inner = encoded.substring(i + 2, end);
            int bar = inner.indexOf('|');
            ids.add(bar >= 0 ? inner.substring(0, bar) : inner);
            i = encoded.indexOf("<@", end);
        }
        return ids;
    }

    private Segment reference(String inner) {
        if (inner.isEmpty()) {
            return null;
        }
        String target = inner;
        String label = null;
        int bar = inner.indexOf('|');
        if (bar >= 0) {
            target = inner.substring(0, bar);
            label = decode(inner.substring(bar + 1));
        }
        switch (target.charAt(0)) {
            case '@':
                return new UserRef(label != null && !label.isBlank() ? label : directory.userName(target.substring(1)));
            case '#':
                return new ChannelRef(label != null && !label.isBlank() ? label : directory.channelName(target.substring(1)));
            case '!':
                return special(target.substring(1), label);
            default:
                String url = decode(target);
                if (Link.isLinkable(url)) {
                    return new Link(url, label != null && !label.isBlank() ? label : url);
                }
                if (url.contains(":")) {
                    // javascript:, data:, file: ... : written out as text, never a link a reader could follow.
                    return new Plain(label != null && !label.isBlank() && !label.equals(url) ? label + " (" + url + ")" : url);
                }
                return null;
        }
    }

    private static Segment special(String command, String label) {
        if (command.equals("channel") || command.equals("here") || command.equals("everyone")) {
            return new Broadcast(command);
        }
        if (command.startsWith("subteam^")) {
            String name = label != null ? label.replaceFirst("^@", "") : command.substring("subteam^".length());
            return new Broadcast(name);
        }
        // <!date^...|fallback> and other specials: the fallback text is what a reader would see.
        return new Plain(label != null ? label : "");
    }

    private static void flush(StringBuilder plain, List<Segment> out) {
        if (!plain.isEmpty()) {
            out.add(new Plain(decode(plain.toString())));
            plain.setLength(0);
        }
    }

    /**
     * An encoded text as the plain words a person reads: references as {@code @name}, {@code #channel},
     * {@code @here}, links as their label, entities decoded. For command text that is stored as typed (titles).
     */
    public static String plainText(String encoded) {
        return new SlackMarkup(Directory.ofIdsOnly()).parse(encoded).toPlainString();
    }

    /** Undoes Slack's three escapes; {@code &amp;} last so {@code &amp;lt;} stays {@code &lt;}. */
    public static String decode(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}

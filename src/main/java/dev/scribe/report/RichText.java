package dev.scribe.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A message text parsed out of Slack's encoding into plain runs and references, names already resolved.
 * Renderers turn it into Markdown or mrkdwn; neither ever sees Slack's raw {@code <...>} syntax, so a
 * quoted {@code <!channel>} cannot ping anyone again.
 */
public record RichText(List<Segment> segments) {

    /** One piece of a text. */
    public sealed interface Segment permits Plain, UserRef, ChannelRef, Broadcast, Link {
    }

    /** Plain text, entities decoded ({@code &lt;} is {@code <} here). */
    public record Plain(String text) implements Segment {
    }

    /** A mention of a person, by the name to show (without {@code @}). */
    public record UserRef(String name) implements Segment {
    }

    /** A link to a channel, by the name to show (without {@code #}). */
    public record ChannelRef(String name) implements Segment {
    }

    /** {@code @channel}, {@code @here}, {@code @everyone} or a user group: shown as a word, never a ping. */
    public record Broadcast(String word) implements Segment {
    }

    /** A link with the label to show (the url itself when it had none). */
    public record Link(String url, String label) implements Segment {

        /** Only these become links a reader can follow; anything else ({@code javascript:} ...) is shown as text. */
        public static boolean isLinkable(String url) {
            return url.regionMatches(true, 0, "https://", 0, 8) || url.regionMatches(true, 0, "http://", 0, 7)
                    || url.regionMatches(true, 0, "mailto:", 0, 7);
        }
    }

    public RichText {
        segments = List.copyOf(segments);
    }

    /** A text with no references. */
    public static RichText plain(String text) {
        return new RichText(List.of(new Plain(text)));
    }

    /** The text with references written as names: for lengths and tests. */
    public String toPlainString() {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (s instanceof Plain p) {
                out.append(p.text());
            } else if (s instanceof UserRef u) {
                out.append('@').append(u.name());
            } else if (s instanceof ChannelRef c) {
                out.append('#').append(c.name());
            } else if (s instanceof Broadcast b) {
                out.append('@').append(b.word());
            } else if (s instanceof Link l) {
                out.append(l.label());
            }
        }
        return out.toString();
    }

    /** Joins texts with a separator. */
    static RichText concat(RichText first, String separator, RichText second) {
        List<Segment> all = new ArrayList<>(first.segments);
        all.add(new Plain(separator));
        all.addAll(second.segments);
        return new RichText(all);
    }
}

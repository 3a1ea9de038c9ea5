package dev.scribe.web;

import dev.scribe.incident.ShownTimes;
import dev.scribe.report.RichText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Rich text and times as the templates take them: pieces the template escapes, never HTML made here. */
final class WebText {

    private WebText() {
    }

    /** One piece of a text: plain words, or a link (only http, https and mailto become links). */
    record Piece(String text, String url) {
    }

    /** A time as a {@code <time>} element takes it: exact UTC for the script, a readable fallback without it. */
    record Time(String iso, String shown) {
    }

    static List<Piece> pieces(RichText text) {
        return text.segments().stream().map(segment -> {
            if (segment instanceof RichText.Plain p) {
                return new Piece(p.text(), null);
            } else if (segment instanceof RichText.UserRef u) {
                return new Piece("@" + u.name(), null);
            } else if (segment instanceof RichText.ChannelRef c) {
                return new Piece("#" + c.name(), null);
            } else if (segment instanceof RichText.Broadcast b) {
                return new Piece("@" + b.word(), null);
            }
            RichText.Link link = (RichText.Link) segment;
            return RichText.Link.isLinkable(link.url()) ? new Piece(link.label(), link.url()) : new Piece(link.label(), null);
        }).toList();
    }

    /** Seconds are kept in the ISO form (the script shows them on hover), not in the fallback. */
    static Time time(Instant at, ZoneId zone) {
        return new Time(at.truncatedTo(ChronoUnit.SECONDS).toString(), ShownTimes.DATE_TIME_ZONE.format(at.atZone(zone)));
    }
}

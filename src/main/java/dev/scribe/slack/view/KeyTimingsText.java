package dev.scribe.slack.view;

import dev.scribe.incident.ShownTimes;
import dev.scribe.report.KeyTimings;
import dev.scribe.slack.Mrkdwn;
import java.time.ZoneId;

/** The key timings as one mrkdwn list, as the pinned header and the retro summary show them. Pure. */
public final class KeyTimingsText {

    private KeyTimingsText() {
    }

    /** Each moment as a date token (each reader sees their own zone; the fallback is in {@code zone}), then the durations. */
    public static String of(KeyTimings timings, ZoneId zone) {
        StringBuilder text = new StringBuilder("*Key timings*\n");
        for (KeyTimings.Moment m : timings.moments()) {
            text.append("• ").append(m.label()).append(": ");
            if (m.at().isPresent()) {
                text.append(Mrkdwn.date(m.at().get(), "{date_short_pretty} {time}",
                        ShownTimes.DATE_TIME_ZONE.format(m.at().get().atZone(zone))));
                if (!m.source().equals("marked") && !m.source().equals("closed")) {
                    text.append(" _(").append(Mrkdwn.escape(m.source())).append(")_");
                }
            } else {
                text.append("- _(").append(Mrkdwn.escape(m.source())).append(")_");
            }
            text.append('\n');
        }
        for (KeyTimings.Span s : timings.spans()) {
            text.append("• ").append(s.label()).append(": ").append(Mrkdwn.escape(s.display())).append('\n');
        }
        return text.toString();
    }
}

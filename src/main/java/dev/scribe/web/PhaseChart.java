package dev.scribe.web;

import dev.scribe.incident.ShownTimes;
import dev.scribe.report.KeyTimings;
import dev.scribe.report.KeyTimings.Moment;
import dev.scribe.report.Postmortem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The incident's phases on a time axis, as numbers for an SVG the template draws: one band from each known
 * moment of triggered, detected, acknowledged, mitigated, resolved to the next known one, a line at each, and
 * the timeline's entries as markers. Pure: a function of the compiled report and the time "now" of an open one.
 */
final class PhaseChart {

    static final int WIDTH = 960;
    static final int LEFT = 20;
    static final int RIGHT = 20;
    static final int PLOT = WIDTH - LEFT - RIGHT;
    static final int HEIGHT = 150;
    static final int BAND_Y = 40;
    /** About the width of the longest moment label, in SVG units. */
    private static final int LABEL_ROOM = 110;
    static final int BAND_HEIGHT = 36;
    static final int MARKER_Y = 100;
    private static final int TICKS = 6;

    /** A band between two moments; {@code css} names its colour class. */
    record Phase(String name, String css, double x, double width, String from, String to) {
    }

    /** A moment's line and label. */
    record MomentLine(String label, double x, double labelX, String anchor, String at, int labelY) {
    }

    /** A timeline entry: where it sits and what hovering it tells. */
    record Marker(double x, String kind, String css, String tip, String at) {
    }

    /** A tick of the axis; its text is the time in the team's zone until the script shows the viewer's. */
    record Tick(double x, String at, String shown, String anchor) {
    }

    final String axisStart;
    final String axisEnd;
    final List<Phase> phases = new ArrayList<>();
    final List<MomentLine> moments = new ArrayList<>();
    final List<Marker> markers = new ArrayList<>();
    final List<Tick> ticks = new ArrayList<>();
    final int width = WIDTH;
    final int height = HEIGHT;
    final int bandY = BAND_Y;
    final int bandHeight = BAND_HEIGHT;
    final int markerY = MARKER_Y;
    final int axisY = HEIGHT - 22;
    final int left = LEFT;
    final int right = WIDTH - RIGHT;

    private final Instant start;
    private final Instant end;

    PhaseChart(Postmortem report, Instant now) {
        KeyTimings t = report.timings();
        List<Moment> flow = List.of(t.triggered(), t.detected(), t.acknowledged(), t.mitigated(), t.resolved());
        Instant first = report.startedAt();
        Instant last = report.closedAt().orElse(now);
        for (Moment m : t.moments()) {
            if (m.at().isPresent()) {
                first = min(first, m.at().get());
                last = max(last, m.at().get());
            }
        }
        for (Postmortem.TimelineItem item : report.timeline()) {
            first = min(first, item.at());
            last = max(last, item.at());
        }
        if (!last.isAfter(first)) {
            last = first.plus(Duration.ofMinutes(1));
        }
        start = first;
        end = last;
        axisStart = start.toString();
        axisEnd = end.toString();

        List<Moment> known = flow.stream().filter(m -> m.at().isPresent()).toList();
        for (int i = 0; i + 1 < known.size(); i++) {
            Moment from = known.get(i);
            Moment to = known.get(i + 1);
            double x1 = x(from.at().get());
            double x2 = x(to.at().get());
            if (x2 > x1) {
                phases.add(new Phase(from.label() + " → " + to.label(), "phase-" + css(from.label()), x1, x2 - x1,
                        from.at().get().toString(), to.at().get().toString()));
            }
        }
        // Moments at the same minute share one label; labels too close to the previous one go on the other row.
        double lastLabelX = Double.NEGATIVE_INFINITY;
        int row = 0;
        for (int i = 0; i < known.size(); i++) {
            Moment m = known.get(i);
            StringBuilder label = new StringBuilder(m.label());
            while (i + 1 < known.size() && x(known.get(i + 1).at().get()) - x(m.at().get()) < 2) {
                label.append(" · ").append(known.get(++i).label());
            }
            double x = x(m.at().get());
            row = x - lastLabelX < LABEL_ROOM ? 1 - row : 0;
            lastLabelX = x;
            boolean nearRight = x > WIDTH - 160;
            moments.add(new MomentLine(label.toString(), x, nearRight ? x - 4 : x + 4, nearRight ? "end" : "start",
                    m.at().get().toString(), row == 0 ? 16 : 30));
        }
        for (Postmortem.TimelineItem item : report.timeline()) {
            String text = item.text().toPlainString();
            markers.add(new Marker(x(item.at()), item.kind().label(), "marker-" + css(item.kind().label()),
                    item.kind().label() + " (" + item.author() + "): " + text, item.at().toString()));
        }
        ZoneId zone = report.zone();
        for (int i = 0; i <= TICKS; i++) {
            Instant at = start.plusMillis(Duration.between(start, end).toMillis() * i / TICKS);
            // The first and last labels lean inwards, so that neither is cut at the edge.
            ticks.add(new Tick(x(at), at.toString(), ShownTimes.HH_MM.format(at.atZone(zone)),
                    i == 0 ? "start" : i == TICKS ? "end" : "middle"));
        }
    }

    /** Where an instant is on the axis, in SVG units, rounded to a tenth. */
    double x(Instant at) {
        double fraction = (double) Duration.between(start, at).toMillis() / Duration.between(start, end).toMillis();
        return Math.round((LEFT + fraction * PLOT) * 10) / 10.0;
    }

    private static String css(String label) {
        return label.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}

package dev.scribe.web;

import dev.scribe.incident.Severity;
import dev.scribe.report.Insights;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code /insights} page's model: the figures of {@link Insights} as tables, and as numbers for the two SVG
 * charts the template draws (incidents per bucket stacked by severity; median and p90 of each duration as bars).
 */
final class InsightsView {

    static final int WIDTH = 960;
    private static final int LEFT = 44;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 200;
    /** At most this many bucket labels under the bars, so that they do not overlap. */
    private static final int MAX_LABELS = 14;
    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

    record Option(String value, String label, boolean selected) {
    }

    /** One stacked piece of a bar. */
    record Bar(double x, double y, double width, double height, String severity, String tip) {
    }

    record Label(double x, String text) {
    }

    record BucketRow(String start, String label, List<Integer> counts, int total) {
    }

    /** A duration's bar in the durations chart. */
    record DurationBar(double y, double width, String css, String text, String tip) {
    }

    record FigureRow(String label, int count, String median, String p90, String noData, boolean hasData,
                     double labelY, List<DurationBar> bars) {
    }

    record MomentRow(String label, int marked, int of, int percent, double barWidth) {
    }

    final String pageTitle = "Insights · Incident Scribe";
    final String zone;
    final String from;
    final String to;
    final List<Option> groupings;
    final String grouping;
    final int incidents;
    final boolean empty;
    final int leftOut;
    /** Mustache takes a 0 as true; the note is shown only when something was left out. */
    final boolean anyLeftOut;
    final String csvLink;
    final String jsonLink;
    final List<String> severities = java.util.Arrays.stream(Severity.values()).map(Severity::label).toList();
    final List<Bar> bars = new ArrayList<>();
    final List<Label> labels = new ArrayList<>();
    final List<BucketRow> buckets = new ArrayList<>();
    final List<FigureRow> figures = new ArrayList<>();
    final List<MomentRow> moments = new ArrayList<>();
    final int width = WIDTH;
    final int countHeight = TOP + PLOT_HEIGHT + 28;
    final int axisY = TOP + PLOT_HEIGHT;
    final int left = LEFT;
    final int right = WIDTH - RIGHT;
    final int top = TOP;
    final int maxCount;
    final int durationHeight;
    final boolean anyDuration;

    InsightsView(Insights insights, InsightsQuery query, String zone, int leftOut) {
        this.zone = zone;
        this.from = insights.from().toString();
        this.to = insights.to().toString();
        this.grouping = insights.grouping() == Insights.Grouping.WEEK ? "week" : "month";
        this.groupings = List.of(new Option("week", "week", grouping.equals("week")),
                new Option("month", "month", grouping.equals("month")));
        this.incidents = insights.incidents();
        this.empty = insights.incidents() == 0;
        this.leftOut = leftOut;
        this.anyLeftOut = leftOut > 0;
        this.csvLink = "/insights.csv?" + query.asQuery();
        this.jsonLink = "/insights.json?" + query.asQuery();

        DateTimeFormatter shown = insights.grouping() == Insights.Grouping.WEEK ? WEEK : MONTH;
        int max = insights.buckets().stream().mapToInt(Insights.Bucket::total).max().orElse(0);
        maxCount = Math.max(max, 1);
        int n = insights.buckets().size();
        double slot = (double) (right - left) / Math.max(n, 1);
        int every = (n + MAX_LABELS - 1) / MAX_LABELS;
        for (int i = 0; i < n; i++) {
            Insights.Bucket b = insights.buckets().get(i);
            String label = (insights.grouping() == Insights.Grouping.WEEK ? "Week of " : "") + shown.format(b.start());
            buckets.add(new BucketRow(b.start().toString(), label, b.bySeverity(), b.total()));
            double x = round(left + i * slot + slot * 0.15);
            double y = axisY;
            for (int s = 0; s < b.bySeverity().size(); s++) {
                int count = b.bySeverity().get(s);
                if (count > 0) {
                    double h = round((double) count / maxCount * PLOT_HEIGHT);
                    y = round(y - h);
                    String sev = Severity.values()[s].label();
                    bars.add(new Bar(x, y, round(slot * 0.7), h, sev, label + ": " + count + " " + sev));
                }
            }
            if (i % Math.max(every, 1) == 0) {
                labels.add(new Label(round(left + i * slot + slot / 2), shown.format(b.start())));
            }
        }

        long longest = insights.figures().stream().flatMap(f -> f.p90().stream()).mapToLong(Duration::toSeconds)
                .max().orElse(0);
        anyDuration = insights.figures().stream().anyMatch(f -> f.count() > 0);
        double rowY = 8;
        for (Insights.Figure f : insights.figures()) {
            List<DurationBar> fBars = new ArrayList<>();
            if (f.count() > 0) {
                fBars.add(bar(rowY, f.median().orElseThrow(), longest, "median", f.medianShown(),
                        f.label() + ", median: " + f.medianShown()));
                fBars.add(bar(rowY + 16, f.p90().orElseThrow(), longest, "p90", f.p90Shown(),
                        f.label() + ", 90th percentile: " + f.p90Shown()));
            }
            figures.add(new FigureRow(f.label(), f.count(), f.medianShown(), f.p90Shown(), f.noData(), f.count() > 0,
                    rowY + 20, fBars));
            rowY += 48;
        }
        durationHeight = (int) rowY;
        for (Insights.MomentShare m : insights.moments()) {
            moments.add(new MomentRow(m.label(), m.marked(), m.of(), m.percent(), m.percent() * 2));
        }
    }

    /** Duration bars start after the labels (at 180) and end by 880, leaving room for the value. */
    private static DurationBar bar(double y, Duration d, long longest, String css, String text, String tip) {
        double w = longest == 0 ? 0 : round((double) d.toSeconds() / longest * 700);
        return new DurationBar(y, Math.max(w, 1), css, text, tip);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}

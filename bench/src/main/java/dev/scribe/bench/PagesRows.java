package dev.scribe.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** The table rows of {@link PagesBench}: issue 16's targets, 300 ms for each page. */
final class PagesRows {

    static final double PAGE_TARGET_MS = 300;

    private PagesRows() {
    }

    /** Hands each row's cells (figure, bot, baseline, ratio, target, result) to {@code row}. */
    static void print(List<PagesBench.Timing> timings, Consumer<String[]> row) {
        for (PagesBench.Timing t : timings) {
            String figures = String.format(Locale.ROOT, "%.1f (%.1f-%.1f) ms, bot CPU %.1f ms per request", t.median(),
                    t.min(), t.max(), t.cpuMsPerRequest());
            String verdict = t.median() < PAGE_TARGET_MS ? "PASS" : "FAIL";
            switch (t.what()) {
                case "first" -> row.accept(new String[] {String.format(Locale.ROOT,
                        "Insights over %,d incidents, first request (Slack asked which channels are public)",
                        PagesBench.INSIGHTS_INCIDENTS), String.format(Locale.ROOT, "%.1f ms, bot CPU %.1f ms",
                        t.median(), t.cpuMsPerRequest()), "", "", "", ""});
                case "insights" -> row.accept(new String[] {String.format(Locale.ROOT,
                        "Insights over %,d incidents (/insights, 300 days): median (min-max) of %d requests",
                        PagesBench.INSIGHTS_INCIDENTS, t.ms().length), figures, "", "", "< 300 ms", verdict});
                case "page" -> row.accept(new String[] {String.format(Locale.ROOT,
                        "Incident page of a %,d-message incident (/incidents/<n>, %,d KiB): median (min-max) of %d requests",
                        PagesBench.PAGE_MESSAGES, t.bytes() / 1024, t.ms().length), figures, "", "", "< 300 ms", verdict});
                default -> throw new IllegalArgumentException(t.what());
            }
        }
    }
}

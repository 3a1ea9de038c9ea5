package dev.scribe.report;

import dev.scribe.incident.Severity;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Figures across the incidents of a range, from the same key timings the report shows: how many incidents of each
 * severity started in each week or month, the median and 90th percentile of time to detect, acknowledge, mitigate
 * and resolve, and how often each key moment is marked at all. Pure: a function of the incidents it is given.
 */
public record Insights(LocalDate from, LocalDate to, Grouping grouping, int incidents, List<Bucket> buckets,
                       List<Figure> figures, List<MomentShare> moments) {

    /** How incidents are counted over time; a week starts on Monday (ISO 8601). */
    public enum Grouping {
        WEEK, MONTH;

        LocalDate startOf(LocalDate day) {
            return this == WEEK ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day.withDayOfMonth(1);
        }

        LocalDate next(LocalDate start) {
            return this == WEEK ? start.plusWeeks(1) : start.plusMonths(1);
        }
    }

    /** What the figures read of one incident. */
    public record Incident(int number, Severity severity, Instant startedAt, KeyTimings timings) {
    }

    /** The incidents that started in the bucket beginning on {@code start}, by severity (SEV1 first). */
    public record Bucket(LocalDate start, List<Integer> bySeverity) {
        public Bucket {
            bySeverity = List.copyOf(bySeverity);
        }

        public int total() {
            return bySeverity.stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * One duration over the incidents that have it: {@code count} of them, its median and 90th percentile; with
     * no incident having it, both are empty and {@code noData} says why.
     */
    public record Figure(String label, int count, Optional<Duration> median, Optional<Duration> p90, String noData) {
        /** The median as the report writes durations ({@code 2h 47m}), empty without one. */
        public String medianShown() {
            return median.map(Durations::format).orElse("");
        }

        public String p90Shown() {
            return p90.map(Durations::format).orElse("");
        }
    }

    /** How many of the range's incidents have {@code label} marked (by an emoji, {@code at} or a status). */
    public record MomentShare(String label, int marked, int of) {
        /** Whole percent, rounded down, so that 99.6% is not shown as all of them. */
        public int percent() {
            return of == 0 ? 0 : marked * 100 / of;
        }
    }

    /** Sources of a moment that someone set; the others are the fallbacks (the start, the close). */
    private static boolean marked(KeyTimings.Moment m) {
        return m.at().isPresent() && (m.source().equals("marked") || m.source().startsWith("status "));
    }

    /**
     * @param incidents the incidents that started between {@code from} and {@code to} (days in {@code zone},
     *                  both included), any order
     */
    public static Insights of(Collection<Incident> incidents, LocalDate from, LocalDate to, Grouping grouping, ZoneId zone) {
        List<Bucket> buckets = new ArrayList<>();
        Map<LocalDate, int[]> counts = new java.util.LinkedHashMap<>();
        for (LocalDate b = grouping.startOf(from); !b.isAfter(to); b = grouping.next(b)) {
            counts.put(b, new int[Severity.values().length]);
        }
        for (Incident i : incidents) {
            int[] c = counts.get(grouping.startOf(LocalDate.ofInstant(i.startedAt(), zone)));
            if (c != null) {
                c[i.severity().ordinal()]++;
            }
        }
        counts.forEach((start, c) -> buckets.add(new Bucket(start, java.util.Arrays.stream(c).boxed().toList())));

        String none = "No incident started in this range.";
        List<Figure> figures = List.of(
                figure("Time to detect", incidents, 0, incidents.isEmpty() ? none
                        : "Nobody marked a trigger in this range, so there is no time to detect."),
                figure("Time to acknowledge", incidents, 1, incidents.isEmpty() ? none
                        : "Nobody marked an acknowledgement in this range."),
                figure("Time to mitigate", incidents, 2, incidents.isEmpty() ? none
                        : "No incident of this range was marked mitigated (nor set to status monitoring)."),
                figure("Time to resolve", incidents, 3, incidents.isEmpty() ? none
                        : "No incident of this range has been resolved or closed yet."));

        List<Function<KeyTimings, KeyTimings.Moment>> kinds = List.of(KeyTimings::triggered, KeyTimings::detected,
                KeyTimings::acknowledged, KeyTimings::causeIdentified, KeyTimings::mitigated, KeyTimings::resolved);
        List<MomentShare> shares = new ArrayList<>();
        for (Function<KeyTimings, KeyTimings.Moment> kind : kinds) {
            int marked = (int) incidents.stream().filter(i -> marked(kind.apply(i.timings()))).count();
            shares.add(new MomentShare(labelOf(shares.size()), marked, incidents.size()));
        }
        // Least marked first: that is what a team should look at. The sort is stable, so ties keep the flow's order.
        shares.sort(Comparator.comparingInt(MomentShare::marked));
        return new Insights(from, to, grouping, incidents.size(), buckets, figures, shares);
    }

    private static String labelOf(int index) {
        return List.of("Triggered", "Detected", "Acknowledged", "Cause identified", "Mitigated", "Resolved").get(index);
    }

    private static Figure figure(String label, Collection<Incident> incidents, int span, String noData) {
        List<Duration> values = incidents.stream().map(i -> i.timings().spans().get(span).duration())
                .flatMap(Optional::stream).sorted().toList();
        return new Figure(label, values.size(), median(values), percentile(values, 90), values.isEmpty() ? noData : "");
    }

    /** The middle value of {@code sorted}; of an even count, the mean of the two middle ones. */
    public static Optional<Duration> median(List<Duration> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return Optional.empty();
        }
        if (n % 2 == 1) {
            return Optional.of(sorted.get(n / 2));
        }
        return Optional.of(sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2));
    }

    /**
     * The nearest-rank percentile of {@code sorted}: the smallest value that at least {@code p}% of the values do
     * not exceed. Always one of the values, so a p90 is a time some incident really took.
     */
    public static Optional<Duration> percentile(List<Duration> sorted, int p) {
        if (sorted.isEmpty()) {
            return Optional.empty();
        }
        // In whole numbers, so that 90% of 10 is exactly 9, not 9.000000000000002.
        int rank = (p * sorted.size() + 99) / 100;
        return Optional.of(sorted.get(Math.max(rank, 1) - 1));
    }

    /** The severities in the order of {@link Bucket#bySeverity()}. */
    public static List<Severity> severities() {
        return List.of(Severity.values());
    }
}

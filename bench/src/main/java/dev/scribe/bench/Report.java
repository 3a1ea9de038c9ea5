package dev.scribe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** What one benchmark run measured, and the one table it prints, with each target's verdict. */
final class Report {

    /** Targets from issue 18, on a 2-core machine. */
    static final double ACK_P99_TARGET_MS = 50;
    static final Set<Integer> ACK_TARGET_SENDERS = Set.of(16, 64);
    static final double THROUGHPUT_TARGET_RATIO = 0.85;
    /** "Far below either server's": the generator may spend at most a quarter of the server's CPU per request. */
    static final double GENERATOR_CPU_TARGET_RATIO = 0.25;
    /**
     * Or no dearer than Debian's wrk on the same server at the same level, with room for run-to-run noise: at one
     * connection a request costs any generator the kernel's loopback send and wake-up, more than a quarter of what
     * an idle server spends ({@link WrkReference}).
     */
    static final double GENERATOR_VS_WRK_TOLERANCE = 1.1;
    static final double CLOSE_10K_TARGET_MS = 1_000;
    static final double CLOSE_100K_TARGET_MS = 10_000;
    /** 10x the messages may take at most 12x the time: linear, with room for noise and GC. */
    static final double LINEAR_TOLERANCE = 1.2;
    static final double STARTUP_FIRST_TARGET_MS = 3_000;
    static final double STARTUP_RESTART_TARGET_MS = 2_000;

    final String heap;
    final List<String> jvmFlags;
    final boolean quick;
    final String loadAtStart = BenchMain.loadAverage();
    /** Each timed start on a new database, and each restart, in milliseconds. */
    final List<Double> startupFirstMs = new ArrayList<>();
    final List<Double> startupRestartMs = new ArrayList<>();
    /** Per level, one bot / baseline pair per round. */
    final Map<Integer, List<BenchMain.Result2>> ack = new TreeMap<>();
    /** The load average before each level of each round. */
    final List<String> loads = new ArrayList<>();
    double ackRssBotMiB;
    double ackRssBaseMiB;
    long ackFailures;
    long acked;
    long stored;
    long signedEvents;
    long signingNanos;
    int exhaustedPhases;
    /** Measured phases that still ran out after their retries: their window was cut short. */
    int shortPhases;
    /** Per incident size, one result per close JVM. */
    final Map<Integer, List<BenchMain.CloseResult>> closes = new TreeMap<>();
    final List<String> closeLoads = new ArrayList<>();
    int closeRuns;
    /** Verdicts as printed, for the summary line under the table. */
    private int passed;
    private final List<String> failed = new ArrayList<>();
    String closeError;
    /** Rows other benchmarks add (the catch-up's), each its six cells, printed after the rest. */
    final List<String[]> extraRows = new ArrayList<>();
    /** Per level, Debian's wrk on the baseline, one run a round ({@link WrkReference}); empty without wrk. */
    final Map<Integer, List<WrkReference.Run>> wrk = new TreeMap<>();
    /** Issue 16's page rows ({@link PagesBench}); empty when not run. */
    List<PagesBench.Timing> pages = List.of();

    Report(String heap, List<String> jvmFlags, boolean quick) {
        this.heap = heap;
        this.jvmFlags = jvmFlags;
        this.quick = quick;
    }

    void print(PrintStream out) {
        out.println("Incident Scribe benchmark, " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z").format(ZonedDateTime.now())
                + (quick ? " (BENCH_QUICK: short phases, a trial run only)" : ""));
        out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, " + cpuModel() + ", " + memTotal()
                + ", Java " + System.getProperty("java.version"));
        out.println("Server JVMs: java " + String.join(" ", jvmFlags));
        out.println("Load average (1, 5, 15 min) at the start: " + loadAtStart + "; before each ack level: "
                + String.join(", ", loads) + "; before each close run: " + String.join(", ", closeLoads));
        out.println("Ack figures: median (min-max) of " + BenchMain.ROUNDS + " rounds, bot and baseline taking turns in each;"
                + " the ratio is the median of the rounds' ratios. Events pre-signed before each phase.");
        out.println();
        out.println("| Figure | Incident Scribe | Baseline (bare Bolt) | Bot / baseline | Target | Result |");
        out.println("|---|---|---|---|---|---|");
        for (var e : ack.entrySet()) {
            int n = e.getKey();
            List<LoadGenerator.Result> bot = e.getValue().stream().map(BenchMain.Result2::bot).toList();
            List<LoadGenerator.Result> base = e.getValue().stream().map(BenchMain.Result2::baseline).toList();
            double[] ratios = e.getValue().stream().mapToDouble(r -> r.bot().perSecond() / r.baseline().perSecond()).toArray();
            boolean targeted = ACK_TARGET_SENDERS.contains(n);
            String level = "Ack, " + n + " connection" + (n == 1 ? "" : "s");
            row(out, level + ": events/s", spread(bot, LoadGenerator.Result::perSecond, 0),
                    spread(base, LoadGenerator.Result::perSecond, 0), spreadPct(ratios),
                    targeted ? ">= 85% of baseline" : "", targeted ? verdict(median(ratios) >= THROUGHPUT_TARGET_RATIO) : "");
            row(out, level + ": latency p50 / p99 / max (ms)", latencies(bot), latencies(base), "",
                    targeted ? "p99 < 50 ms" : "",
                    targeted ? verdict(median(values(bot, r -> r.percentileMs(99))) < ACK_P99_TARGET_MS) : "");
            double[] genShare = e.getValue().stream().mapToDouble(r -> Math.max(
                    r.bot().generatorCpuMicrosPerRequest() / r.bot().serverCpuMicrosPerRequest(),
                    r.baseline().generatorCpuMicrosPerRequest() / r.baseline().serverCpuMicrosPerRequest())).toArray();
            List<WrkReference.Run> wrkRuns = wrk.getOrDefault(n, List.of());
            long wrkNot2xx = wrkRuns.stream().mapToLong(WrkReference.Run::non2xx).sum();
            // Round by round: each wrk run followed the generator's phase on the baseline in the same round.
            double[] versusWrk = new double[Math.min(wrkRuns.size(), base.size())];
            for (int i = 0; i < versusWrk.length; i++) {
                versusWrk[i] = base.get(i).generatorCpuMicrosPerRequest() / wrkRuns.get(i).wrkMicrosPerRequest();
            }
            boolean asCheapAsWrk = versusWrk.length == base.size() && wrkNot2xx == 0
                    && median(versusWrk) <= GENERATOR_VS_WRK_TOLERANCE;
            row(out, level + ": CPU per request, generator / server (us)", cpu(bot), cpu(base),
                    "generator at most " + pct(max(genShare)) + " of a server",
                    "<= 25% of either server, or no more than wrk's (+10%)",
                    verdict(max(genShare) <= GENERATOR_CPU_TARGET_RATIO || asCheapAsWrk));
            if (!wrkRuns.isEmpty()) {
                row(out, level + ": Debian's wrk replaying one pre-signed event to the baseline after the generator's"
                                + " phase, CPU per request, wrk / server (us)", "",
                        spread(wrkRuns.stream().mapToDouble(WrkReference.Run::wrkMicrosPerRequest).toArray(), 1)
                                + " / " + fmt(median(wrkRuns.stream().mapToDouble(WrkReference.Run::serverMicrosPerRequest)
                                .toArray()), 1),
                        "the generator at " + spreadPct(versusWrk) + " of wrk's cost on the same server"
                                + (wrkNot2xx == 0 ? "" : "; " + wrkNot2xx + " answers not 2xx"),
                        "", "");
            } else if (!ack.isEmpty() && n == ack.keySet().iterator().next()) {
                row(out, "Ack: Debian's wrk as the reference generator", "not installed (apt-get install -y wrk)", "", "",
                        "", "");
            }
        }
        if (!ack.isEmpty()) {
            ackTotals(out);
        }
        closeRows(out);
        PagesRows.print(pages, (cells) -> row(out, cells));
        if (!startupRestartMs.isEmpty() || !ack.isEmpty()) {
            double[] first = startupFirstMs.stream().mapToDouble(Double::doubleValue).toArray();
            double[] restart = startupRestartMs.stream().mapToDouble(Double::doubleValue).toArray();
            row(out, "Start-up to /healthz 200, first run (new database, migrations): median (min-max) of "
                    + first.length + ", ms", startup(first), "", "", "< 3 s",
                    verdict(first.length > 0 && median(first) < STARTUP_FIRST_TARGET_MS));
            row(out, "Start-up to /healthz 200, restart: median (min-max) of " + restart.length + ", ms",
                    startup(restart), "", "", "< 2 s", verdict(restart.length > 0 && median(restart) < STARTUP_RESTART_TARGET_MS));
            row(out, "Peak RSS during the ack load", fmt(ackRssBotMiB, 0) + " MiB", fmt(ackRssBaseMiB, 0) + " MiB", "",
                    "runs with -Xmx" + heap, verdict(ackFailures == 0 && acked > 0));
        }
        if (!closes.isEmpty() || closeError != null) {
            List<BenchMain.CloseResult> c100k = closes.getOrDefault(100_000, List.of());
            row(out, "Peak RSS during the 100,000-message close (highest of the runs)",
                    c100k.isEmpty() ? "-" : fmt(c100k.stream().mapToDouble(BenchMain.CloseResult::peakRssMiB).max().orElse(0), 0) + " MiB",
                    "", "", "runs with -Xmx" + heap, verdict(!c100k.isEmpty() && closeError == null));
        }
        extraRows.forEach(cells -> row(out, cells));
        out.println();
        out.println("Targets: " + passed + " PASS, " + failed.size() + " FAIL" + (failed.isEmpty() ? "" : " (" + String.join("; ", failed) + ")")
                + (quick ? "; a BENCH_QUICK run: trial figures only" : ""));
    }

    private void ackTotals(PrintStream out) {
        row(out, "Ack: events pre-signed before each phase (not timed), us per event",
                String.format(Locale.ROOT, "%,d events, %s us/event", signedEvents, fmt(signingNanos / 1e3 / Math.max(1, signedEvents), 1)),
                "", "", "", "");
        row(out, "Ack: phases that ran out of pre-signed events (each run again with more)", Integer.toString(exhaustedPhases),
                "", "", "none cut short", verdict(shortPhases == 0));
        row(out, "Ack: acknowledged events found in the database (counted after the bot stopped)", String.format(Locale.ROOT, "%,d of %,d", stored, acked),
                "", "", "all", verdict(acked > 0 && stored == acked));
        row(out, "Ack: answers other than 200", Long.toString(ackFailures), "", "", "0", verdict(ackFailures == 0));
    }

    private void closeRows(PrintStream out) {
        List<BenchMain.CloseResult> c10k = closes.getOrDefault(10_000, List.of());
        for (var e : closes.entrySet()) {
            int size = e.getKey();
            double[] medians = e.getValue().stream().mapToDouble(BenchMain.CloseResult::medianMs).toArray();
            String target = "";
            String verdict = "";
            if (size == 10_000) {
                target = "< 1 s";
                verdict = verdict(median(medians) < CLOSE_10K_TARGET_MS);
            } else if (size == 100_000) {
                target = "< 10 s";
                verdict = verdict(median(medians) < CLOSE_100K_TARGET_MS);
            }
            row(out, String.format(Locale.ROOT, "Close, %,d messages: median (min-max) of %d JVMs' medians, ms; us per message",
                            size, medians.length),
                    String.format(Locale.ROOT, "%s (%s-%s), %s us/msg", fmt(median(medians), 0), fmt(min(medians), 0),
                            fmt(max(medians), 0), fmt(median(medians) * 1000 / size, 1)),
                    "", "", target, verdict);
        }
        List<BenchMain.CloseResult> c100k = closes.getOrDefault(100_000, List.of());
        if (!c100k.isEmpty() && c100k.size() == c10k.size()) {
            double[] growth = new double[c100k.size()];
            List<String> each = new ArrayList<>();
            for (int i = 0; i < growth.length; i++) {
                growth[i] = c100k.get(i).medianMs() / c10k.get(i).medianMs();
                each.add("x" + fmt(growth[i], 1));
            }
            boolean all = growth.length >= closeRuns && max(growth) <= 10 * LINEAR_TOLERANCE;
            row(out, "Close, 100,000 / 10,000 time, each run (its own JVM)", String.join(", ", each), "", "",
                    "<= x12 in " + closeRuns + " of " + closeRuns, verdict(all));
        }
        if (closeError != null) {
            row(out, "Close", closeError, "", "", "", "FAIL");
        }
    }

    private static String latencies(List<LoadGenerator.Result> runs) {
        return fmt(median(values(runs, r -> r.percentileMs(50))), 1) + " / "
                + spread(runs, r -> r.percentileMs(99), 1) + " / " + fmt(median(values(runs, LoadGenerator.Result::maxMs)), 0);
    }

    private static String cpu(List<LoadGenerator.Result> runs) {
        return fmt(median(values(runs, LoadGenerator.Result::generatorCpuMicrosPerRequest)), 1) + " / "
                + fmt(median(values(runs, LoadGenerator.Result::serverCpuMicrosPerRequest)), 1);
    }

    private static double[] values(List<LoadGenerator.Result> runs, ToDoubleFunction<LoadGenerator.Result> f) {
        return runs.stream().mapToDouble(f).toArray();
    }

    /** "median (min-max)" of one figure over the rounds. */
    private static String spread(List<LoadGenerator.Result> runs, ToDoubleFunction<LoadGenerator.Result> f, int decimals) {
        return spread(values(runs, f), decimals);
    }

    private static String spread(double[] v, int decimals) {
        return fmt(median(v), decimals) + " (" + fmt(min(v), decimals) + "-" + fmt(max(v), decimals) + ")";
    }

    private static String spreadPct(double[] ratios) {
        return pct(median(ratios)) + " (" + pct(min(ratios)) + "-" + pct(max(ratios)) + ")";
    }

    private static String startup(double[] ms) {
        return ms.length == 0 ? "not measured"
                : String.format(Locale.ROOT, "%s (%s-%s)", fmt(median(ms), 0), fmt(min(ms), 0), fmt(max(ms), 0));
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    private void row(PrintStream out, String... cells) {
        out.println("| " + String.join(" | ", cells) + " |");
        if ("PASS".equals(cells[5])) {
            passed++;
        } else if ("FAIL".equals(cells[5])) {
            failed.add(cells[0]);
        }
    }

    private static String verdict(boolean pass) {
        return pass ? "PASS" : "FAIL";
    }

    private static String fmt(double value, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", value);
    }

    private static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.0f%%", ratio * 100);
    }

    private static String cpuModel() {
        return firstField(Path.of("/proc/cpuinfo"), "model name").orElse("unknown CPU");
    }

    private static String memTotal() {
        return firstField(Path.of("/proc/meminfo"), "MemTotal")
                .map(kb -> String.format(Locale.ROOT, "%.1f GiB RAM", Long.parseLong(kb.replace("kB", "").trim()) / 1048576.0))
                .orElse("unknown RAM");
    }

    private static java.util.Optional<String> firstField(Path file, String name) {
        try {
            return Files.readAllLines(file).stream().filter(l -> l.startsWith(name)).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim());
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}

package dev.scribe.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** What one benchmark run measured, and the one table it prints, with each target's verdict. */
final class Report {

    /** Targets from the issue, on a 2-core machine. */
    static final double ACK_P99_TARGET_MS = 50;
    static final int ACK_TARGET_SENDERS = 16;
    static final double THROUGHPUT_TARGET_RATIO = 0.70;
    static final double CLOSE_10K_TARGET_MS = 1_000;
    static final double CLOSE_100K_TARGET_MS = 10_000;
    /** 10x the messages may take at most 12x the time: linear, with room for noise and GC. */
    static final double LINEAR_TOLERANCE = 1.2;
    static final double STARTUP_TARGET_MS = 3_000;

    final String heap;
    final List<String> jvmFlags;
    final boolean quick;
    double startupFirstMs;
    double startupRestartMs;
    final Map<Integer, BenchMain.Result2> ack = new TreeMap<>();
    double ackRssBotMiB;
    double ackRssBaseMiB;
    long ackFailures;
    long acked;
    long stored;
    final Map<Integer, BenchMain.CloseResult> closes = new TreeMap<>();
    String closeError;

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
        out.println();
        out.println("| Figure | Incident Scribe | Baseline (bare Bolt) | Bot / baseline | Target | Result |");
        out.println("|---|---|---|---|---|---|");
        for (var e : ack.entrySet()) {
            int n = e.getKey();
            LoadGenerator.Result bot = e.getValue().bot();
            LoadGenerator.Result base = e.getValue().baseline();
            double ratio = bot.perSecond() / base.perSecond();
            boolean targeted = n == ACK_TARGET_SENDERS;
            row(out, "Ack, " + n + " sender" + (n == 1 ? "" : "s") + ": events/s", fmt(bot.perSecond(), 0),
                    fmt(base.perSecond(), 0), pct(ratio), targeted ? ">= 70% of baseline" : "",
                    targeted ? verdict(ratio >= THROUGHPUT_TARGET_RATIO) : "");
            row(out, "Ack, " + n + " sender" + (n == 1 ? "" : "s") + ": latency p50 / p99 / max (ms)", latencies(bot),
                    latencies(base), "", targeted ? "p99 < 50 ms" : "",
                    targeted ? verdict(bot.percentileMs(99) < ACK_P99_TARGET_MS) : "");
        }
        row(out, "Ack: acknowledged events found in the database (counted after the bot stopped)", String.format(Locale.ROOT, "%,d of %,d", stored, acked),
                "", "", "all", verdict(acked > 0 && stored == acked));
        row(out, "Ack: answers other than 200", Long.toString(ackFailures), "", "", "0", verdict(ackFailures == 0));
        BenchMain.CloseResult c10k = closes.get(10_000);
        for (var e : closes.entrySet()) {
            int size = e.getKey();
            BenchMain.CloseResult c = e.getValue();
            String target = "";
            String verdict = "";
            String ratio = "";
            if (size == 10_000) {
                target = "< 1 s";
                verdict = verdict(c.medianMs() < CLOSE_10K_TARGET_MS);
            } else if (size == 100_000) {
                double growth = c10k == null ? Double.NaN : c.medianMs() / c10k.medianMs();
                ratio = "x" + fmt(growth, 1) + " the 10,000 time";
                target = "< 10 s, <= x12 the 10,000 time";
                verdict = verdict(c.medianMs() < CLOSE_100K_TARGET_MS && growth <= 10 * LINEAR_TOLERANCE);
            }
            row(out, String.format(Locale.ROOT, "Close, %,d messages: median (min-max) ms, us per message", size),
                    String.format(Locale.ROOT, "%s (%s-%s), %s us/msg", fmt(c.medianMs(), 0), fmt(c.minMs(), 0),
                            fmt(c.maxMs(), 0), fmt(c.medianMs() * 1000 / size, 1)),
                    "", ratio, target, verdict);
        }
        if (closeError != null) {
            row(out, "Close", closeError, "", "", "", "FAIL");
        }
        row(out, "Start-up to /healthz 200, first run (new database, migrations)", fmt(startupFirstMs, 0) + " ms", "", "",
                "< 3 s", verdict(startupFirstMs > 0 && startupFirstMs < STARTUP_TARGET_MS));
        row(out, "Start-up to /healthz 200, restart", fmt(startupRestartMs, 0) + " ms", "", "", "< 3 s",
                verdict(startupRestartMs > 0 && startupRestartMs < STARTUP_TARGET_MS));
        row(out, "Peak RSS during the ack load", fmt(ackRssBotMiB, 0) + " MiB", fmt(ackRssBaseMiB, 0) + " MiB", "",
                "runs with -Xmx" + heap, verdict(ackFailures == 0 && acked > 0));
        BenchMain.CloseResult c100k = closes.get(100_000);
        row(out, "Peak RSS during the 100,000-message close", c100k == null ? "-" : fmt(c100k.peakRssMiB(), 0) + " MiB",
                "", "", "runs with -Xmx" + heap, verdict(c100k != null && closeError == null));
    }

    private static String latencies(LoadGenerator.Result r) {
        return fmt(r.percentileMs(50), 1) + " / " + fmt(r.percentileMs(99), 1) + " / " + fmt(r.maxMs(), 0);
    }

    private static void row(PrintStream out, String... cells) {
        out.println("| " + String.join(" | ", cells) + " |");
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

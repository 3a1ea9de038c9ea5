package dev.scribe.bench;

import dev.scribe.Config;
import dev.scribe.storage.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole benchmark in one go, so that the figures are comparable, and prints one table on stdout
 * (progress goes to stderr). Arguments: bot jar, bench classes directory, work directory, heap (-Xmx value),
 * then the Dockerfile's JVM flags. {@code BENCH_QUICK=1} shortens the load phases for trial runs;
 * {@code BENCH_SKIP_CLOSE=1} leaves the close out (profiling the ack path), {@code BENCH_SKIP_ACK=1} the ack load and
 * start-up (the close alone), {@code BENCH_SKIP_CATCH_UP=1} the catch-up after downtime ({@link CatchUpBench}),
 * {@code BENCH_SKIP_PAGES=1} the incident pages ({@link PagesBench}).
 */
public final class BenchMain {

    static final String SECRET = "bench-signing-secret";
    static final int[] SENDERS = {1, 16, 64};
    /** The levels a BENCH_QUICK run measures: the two with targets. */
    static final int[] QUICK_SENDERS = {16, 64};
    /** Rounds of the ack load; each figure is the median of these, shown with the min and max. */
    static final int ROUNDS = 3;
    /** Starts timed on a new database, and restarts; each start-up figure is their median with the min and max. */
    static final int STARTUP_RUNS = 3;
    /** Separate close JVMs; the 100,000 / 10,000 growth must hold in every one of them (2 in a BENCH_QUICK run). */
    static final int CLOSE_RUNS = 5;
    static final int QUICK_CLOSE_RUNS = 2;
    static final int[] CLOSE_SIZES = {1_000, 10_000, 100_000};
    static final int INCIDENT_CHANNELS = 8;
    static final String SHARED_ARCHIVE_FLAG = "-XX:SharedArchiveFile=";

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Path botJar = Path.of(args[0]).toAbsolutePath();
        Path benchClasses = Path.of(args[1]).toAbsolutePath();
        Path work = Path.of(args[2]).toAbsolutePath();
        String heap = args[3];
        List<String> dockerFlags = new ArrayList<>(Arrays.asList(args).subList(4, args.length));
        dockerFlags.add("-Xmx" + heap);
        // The Dockerfile's class-data archive belongs to the image's jar: the bench makes its own for its jar, the
        // same way, and only the bot uses it (the baseline and the close runs have other class paths).
        List<String> jvmFlags = dockerFlags.stream().filter(f -> !f.startsWith(SHARED_ARCHIVE_FLAG)).toList();
        List<String> botFlags = jvmFlags;
        if (jvmFlags.size() < dockerFlags.size()) {
            botFlags = new ArrayList<>(jvmFlags);
            botFlags.add(SHARED_ARCHIVE_FLAG + ClassDataArchive.create(botJar, work, jvmFlags));
        }
        boolean quick = "1".equals(System.getenv("BENCH_QUICK"));
        long warmupMs = quick ? 1_000 : 2_000;
        long measureMs = quick ? 3_000 : 8_000;
        long jitWarmupMs = quick ? 4_000 : 10_000;
        int[] levels = quick ? QUICK_SENDERS : SENDERS;

        Report report = new Report(heap, botFlags, quick);
        try (SlackStub slack = new SlackStub()) {
            if (!"1".equals(System.getenv("BENCH_SKIP_ACK"))) {
                ackAndStartup(report, slack, botJar, benchClasses, work, botFlags, jvmFlags, levels, warmupMs, measureMs,
                        jitWarmupMs);
            }
            if (!"1".equals(System.getenv("BENCH_SKIP_CLOSE"))) {
                close(report, botJar, benchClasses, work, jvmFlags, quick ? QUICK_CLOSE_RUNS : CLOSE_RUNS);
            }
            if (!"1".equals(System.getenv("BENCH_SKIP_PAGES"))) {
                report.pages = PagesBench.run(slack, botJar, botFlags, work, quick);
            }
            if (!"1".equals(System.getenv("BENCH_SKIP_CATCH_UP"))) {
                CatchUpBench.run(report, botJar, work, botFlags);
            }
        }
        report.print(System.out);
    }

    private static void ackAndStartup(Report report, SlackStub slack, Path botJar, Path benchClasses, Path work,
                                      List<String> botFlags, List<String> jvmFlags, int[] levels, long warmupMs, long measureMs,
                                      long jitWarmupMs)
            throws Exception {
        Path botDir = work.resolve("bot");
        Map<String, String> botEnv = new LinkedHashMap<>();
        botEnv.put("SLACK_BOT_TOKEN", "xoxb-bench");
        botEnv.put("SLACK_SIGNING_SECRET", SECRET);
        botEnv.put("SLACK_API_URL", slack.apiUrl());
        List<String> botCommand = new ArrayList<>(List.of("java"));
        botCommand.addAll(botFlags);
        // For profiling, e.g. BENCH_BOT_JVM_EXTRA="-XX:StartFlightRecording=filename=/tmp/bot.jfr,settings=profile".
        String extra = System.getenv("BENCH_BOT_JVM_EXTRA");
        if (extra != null && !extra.isBlank()) {
            botCommand.addAll(Arrays.asList(extra.trim().split("\\s+")));
        }
        botCommand.addAll(List.of("-jar", botJar.toString()));

        // The bot's default database (SCRIBE_DB_URL unset), in its working directory, unless BENCH_SCRIBE_DB_URL
        // names another ({dir} stands for the bot's directory), e.g. to compare H2 write delays.
        String botDbUrl = Config.DEFAULT_DB_URL.replace("./data", botDir.resolve("data").toString());
        String otherUrl = System.getenv("BENCH_SCRIBE_DB_URL");
        if (otherUrl != null && !otherUrl.isBlank()) {
            botDbUrl = otherUrl.replace("{dir}", botDir.toString());
            botEnv.put("SCRIBE_DB_URL", botDbUrl);
        }
        // First start: empty data directory, so the time includes creating the database and every migration. Three
        // of them, each on a new database of its own (the first is the one the rest of the run uses), and the median
        // reported: one start on two cores varies by a few hundred milliseconds from one to the next.
        int port;
        for (int run = 1; run <= STARTUP_RUNS; run++) {
            Path dir = run == 1 ? botDir : work.resolve("bot-first-" + run);
            Map<String, String> env = new LinkedHashMap<>(botEnv);
            if (run > 1 && env.containsKey("SCRIBE_DB_URL")) {
                env.put("SCRIBE_DB_URL", otherUrl.replace("{dir}", dir.toString()));
            }
            port = ChildJvm.freePort();
            env.put("PORT", Integer.toString(port));
            try (ChildJvm bot = ChildJvm.start("bot-first-start", botCommand, dir, env)) {
                report.startupFirstMs.add(bot.awaitHttp(port, "/healthz", 200));
            }
            progress("start-up, first run %d: %.0f ms (load %s)", run, report.startupFirstMs.get(run - 1), loadAverage());
        }

        List<String> channels = new ArrayList<>();
        for (int i = 1; i <= INCIDENT_CHANNELS; i++) {
            channels.add("C0BENCH" + i);
        }
        Seed.openIncidents(botDbUrl, channels);

        // Restarts on the seeded database: two timed and stopped, the third is the bot the load is sent to.
        for (int run = 1; run < STARTUP_RUNS; run++) {
            port = ChildJvm.freePort();
            botEnv.put("PORT", Integer.toString(port));
            try (ChildJvm bot = ChildJvm.start("bot-restart-" + run, botCommand, botDir, botEnv)) {
                report.startupRestartMs.add(bot.awaitHttp(port, "/healthz", 200));
            }
            progress("start-up, restart %d: %.0f ms (load %s)", run, report.startupRestartMs.get(run - 1), loadAverage());
        }
        port = ChildJvm.freePort();
        botEnv.put("PORT", Integer.toString(port));
        int basePort = ChildJvm.freePort();
        List<String> baseCommand = new ArrayList<>(List.of("java"));
        baseCommand.addAll(jvmFlags);
        baseCommand.addAll(List.of("-cp", botJar + ":" + benchClasses, Baseline.class.getName(),
                Integer.toString(basePort), slack.apiUrl(), SECRET));
        long botAcked = 0;
        try (ChildJvm bot = ChildJvm.start("bot", botCommand, botDir, botEnv)) {
            // Timed alone, as on a deploy: the baseline's JVM starts only once the bot answers.
            report.startupRestartMs.add(bot.awaitHttp(port, "/healthz", 200));
            progress("start-up, restart %d: %.0f ms (load %s)", STARTUP_RUNS, report.startupRestartMs.get(STARTUP_RUNS - 1),
                    loadAverage());
            try (ChildJvm base = ChildJvm.start("baseline", baseCommand, work.resolve("baseline"), Map.of())) {
                base.awaitHttp(basePort, "/", 0);
                botAcked = ackLoad(report, port, basePort, bot, base, channels, levels, warmupMs, measureMs, jitWarmupMs,
                        work);
            }
        }
        // Every event the bot acknowledged must be in its database once it stopped: journaled (or committed)
        // before the ack, stored from the journal by the time the bot exits.
        try (Database db = Database.open(botDbUrl, null, null)) {
            report.stored = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
        }
        report.acked = botAcked;
        progress("acknowledged by the bot: %d, stored: %d", report.acked, report.stored);
    }

    /**
     * The ack load on both servers: {@link #ROUNDS} rounds, each going through every level with the baseline and
     * the bot taking turns (who goes first alternates from round to round), so that noise from other work on the
     * machine falls on both and each round gives one bot / baseline ratio. Returns how many events the bot
     * acknowledged.
     */
    private static long ackLoad(Report report, int port, int basePort, ChildJvm bot, ChildJvm base, List<String> channels,
                                int[] levels, long warmupMs, long measureMs, long jitWarmupMs, Path work) throws Exception {
        String runId = Long.toString(System.currentTimeMillis(), 36);
        Server botServer = new Server("bot", new LoadGenerator(port, bot.pid()), new SignedEvents(SECRET, runId + "b", channels));
        Server baseServer = new Server("baseline", new LoadGenerator(basePort, base.pid()),
                new SignedEvents(SECRET, runId + "s", channels));
        try (RssSampler botRss = new RssSampler(bot.pid()); RssSampler baseRss = new RssSampler(base.pid())) {
            progress("warming up both servers (JIT), %d s each; load %s", jitWarmupMs / 1000, loadAverage());
            for (Server server : List.of(botServer, baseServer)) {
                LoadGenerator.Result r = server.run(report, 16, jitWarmupMs, 0);
                // From now on each phase is sized by what this server did, not by the first guess.
                server.bestRate = r.requests() * 1000.0 / jitWarmupMs;
            }
            botRss.reset();
            baseRss.reset();
            boolean wrk = WrkReference.available();
            if (!wrk) {
                progress("wrk is not installed (apt-get install -y wrk): the generator rows are judged without it");
            }
            for (int round = 1; round <= ROUNDS; round++) {
                for (int senders : levels) {
                    report.loads.add(loadAverage());
                    List<Server> order = round % 2 == 1 ? List.of(baseServer, botServer) : List.of(botServer, baseServer);
                    LoadGenerator.Result s = null;
                    LoadGenerator.Result b = null;
                    for (Server server : order) {
                        LoadGenerator.Result r = server.run(report, senders, warmupMs, measureMs);
                        if (server == botServer) {
                            s = r;
                        } else {
                            b = r;
                            if (wrk) {
                                wrkReference(report, basePort, base, baseServer.events, senders, work);
                            }
                        }
                    }
                    report.ack.computeIfAbsent(senders, k -> new ArrayList<>()).add(new Result2(s, b));
                    progress("round %d, %d senders: bot / baseline %.0f%%, load %s", round, senders,
                            100 * s.perSecond() / b.perSecond(), report.loads.get(report.loads.size() - 1));
                }
            }
            report.ackRssBotMiB = botRss.peakMiB();
            report.ackRssBaseMiB = baseRss.peakMiB();
        }
        report.ackFailures = botServer.load.allFailed() + baseServer.load.allFailed();
        return botServer.load.allAcked();
    }

    /**
     * Debian's {@code wrk} on the baseline right after the generator's phase on it, at the same level, replaying one
     * event signed just before: what a generator written in C spends per request on that server in that state (a
     * generator's cost per request grows as the server slows, so the two are compared round by round).
     */
    private static void wrkReference(Report report, int basePort, ChildJvm base, SignedEvents events, int senders,
                                     Path work) throws Exception {
        SignedEvents.Batch one = events.prepare(1);
        byte[] request = Arrays.copyOfRange(one.arena(), one.offset(0), one.offset(0) + one.length(0));
        WrkReference.Run run = WrkReference.run(basePort, base.pid(), request, senders, work);
        report.wrk.computeIfAbsent(senders, k -> new ArrayList<>()).add(run);
        progress("wrk, %d connections: CPU per request %.1f us, baseline %.1f us", senders, run.wrkMicrosPerRequest(),
                run.serverMicrosPerRequest());
    }

    /** One server under load: its generator, its events, and the fastest rate it was seen answering. */
    private static final class Server {
        final String name;
        final LoadGenerator load;
        final SignedEvents events;
        /**
         * Events/s; sizes the next phase's batch. The first guess only sizes the JIT warm-up's (not measured, so it
         * may run out), whose rate then replaces it: signing more than a phase sends is time the run spends idle.
         */
        double bestRate = 12_000;

        Server(String name, LoadGenerator load, SignedEvents events) {
            this.name = name;
            this.load = load;
            this.events = events;
        }

        /**
         * Signs enough events for the phase (twice the best rate seen), then runs it. A phase that runs out of
         * events is run again with twice as many (at most twice), and counted in the report either way.
         */
        LoadGenerator.Result run(Report report, int senders, long warmupMs, long measureMs) throws InterruptedException {
            LoadGenerator.Result r = null;
            for (int attempt = 1; attempt <= 3; attempt++) {
                int count = (int) Math.min(1_500_000, bestRate * 2 * (warmupMs + measureMs) / 1000 + 5_000);
                long signStart = System.nanoTime();
                SignedEvents.Batch batch = events.prepare(count);
                report.signedEvents += count;
                report.signingNanos += System.nanoTime() - signStart;
                r = load.run(senders, warmupMs, measureMs, batch);
                bestRate = Math.max(bestRate, r.requests() * 1000.0 / (warmupMs + measureMs));
                if (!r.exhausted()) {
                    break;
                }
                report.exhaustedPhases++;
                bestRate *= 2;
                progress("%s, %d senders: the %,d pre-signed events ran out before the phase ended%s", name, senders,
                        count, attempt < 3 ? "; again with more" : "");
            }
            if (r.exhausted() && measureMs > 0) {
                report.shortPhases++;
            }
            if (measureMs > 0) {
                progress("%s, %d senders: %.0f events/s, p99 %.1f ms; CPU per request: generator %.1f us, %s %.1f us",
                        name, senders, r.perSecond(), r.percentileMs(99), r.generatorCpuMicrosPerRequest(), name,
                        r.serverCpuMicrosPerRequest());
            }
            return r;
        }
    }

    /** The 1-, 5- and 15-minute load averages (what {@code uptime} prints), to be recorded with each figure. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static void close(Report report, Path botJar, Path benchClasses, Path work, List<String> jvmFlags, int runs)
            throws Exception {
        Path closeDir = work.resolve("close");
        Files.createDirectories(closeDir);
        // Seeding is not measured; H2's default write delay makes it faster and durability does not matter here.
        String url = "jdbc:h2:file:" + closeDir.resolve("close");
        List<String> incidents = new ArrayList<>();
        long seedStart = System.nanoTime();
        for (int size : CLOSE_SIZES) {
            int number = Seed.closedIncident(url, "C0CLOSE" + size, size, size);
            incidents.add(number + ":" + size);
            progress("seeded a closed incident of %,d messages (%.0f s so far)", size, (System.nanoTime() - seedStart) / 1e9);
        }
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", botJar + ":" + benchClasses, CloseBench.class.getName(), url));
        command.addAll(incidents);
        // Several JVMs, not several closes in one: GC and JIT differ from JVM to JVM, and the growth target must hold
        // in each of them, not on a good one only (issue 18).
        report.closeRuns = runs;
        for (int run = 1; run <= runs; run++) {
            String load = loadAverage();
            ChildJvm child = ChildJvm.start("close-" + run, command, closeDir, Map.of());
            int status = child.waitFor(6);
            List<String> lines = Files.readAllLines(child.log());
            for (String line : lines) {
                if (line.startsWith("CLOSE ")) {
                    String[] f = line.split(" ");
                    report.closes.computeIfAbsent(Integer.parseInt(f[1]), k -> new ArrayList<>()).add(new CloseResult(
                            Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4]),
                            Double.parseDouble(f[5]), Long.parseLong(f[6])));
                    progress("close run %d of %s messages: median %s ms, peak RSS %s MiB (load %s)", run, f[1], f[2], f[5], load);
                }
            }
            report.closeLoads.add(load);
            if (status != 0) {
                report.closeError = "close benchmark exited with " + status + ": "
                        + lines.stream().filter(l -> l.contains("Error") || l.contains("Exception")).findFirst().orElse("see " + child.log());
                break;
            }
        }
    }

    static void progress(String format, Object... args) {
        System.err.println(DateTimeFormatter.ofPattern("HH:mm:ss").format(ZonedDateTime.now()) + " bench: "
                + String.format(format, args));
    }

    /** The bot's and the baseline's figures at one level of concurrency. */
    record Result2(LoadGenerator.Result bot, LoadGenerator.Result baseline) {
    }

    /** One incident size's close: median, fastest and slowest run in ms, peak RSS, length of the Markdown. */
    record CloseResult(double medianMs, double minMs, double maxMs, double peakRssMiB, long markdownChars) {
    }
}

package dev.scribe.bench;

import dev.scribe.export.ReplayClock;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.storage.Database;
import dev.scribe.storage.JdbiIncidentStore;
import dev.scribe.storage.JdbiSignIns;
import dev.scribe.web.Viewer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 16's two rows: the page of a 10,000-message incident ({@code /incidents/<n>}) and {@code /insights} over
 * 1,000 incidents, each asked of the bot's own JVM (the Dockerfile's flags, its default H2 database) by a viewer
 * signed in through the real sign-in link, one request at a time over loopback. Times are the client's, from the
 * request sent to the last byte of the page (on loopback, the server's time plus a few tenths of a millisecond), with
 * the bot's process CPU time per request beside them, once the bot is idle after its start (it stores the missing
 * reports of the seeded incidents first). The first {@code /insights} request is shown apart: the bot asks Slack (the
 * stub) which channels are public, then keeps the answer for a while.
 */
final class PagesBench {

    static final int PAGE_MESSAGES = 10_000;
    static final int INSIGHTS_INCIDENTS = 1_000;
    static final String VIEWER = "U0000001";

    /** One page's figures: each timed request in ms, and the bot's CPU per request in ms. */
    record Timing(String what, double[] ms, double cpuMsPerRequest, int bytes) {
        double median() {
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            return sorted[sorted.length / 2];
        }

        double min() {
            return Arrays.stream(ms).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(ms).max().orElse(Double.NaN);
        }
    }

    private PagesBench() {
    }

    /** Seeds, starts the bot, signs in and times both pages; the first insights request comes first in the answer. */
    static List<Timing> run(SlackStub slack, Path botJar, List<String> botFlags, Path work, boolean quick)
            throws Exception {
        Path dir = work.resolve("pages");
        String url = "jdbc:h2:file:" + dir.resolve("data").resolve("incident-scribe");
        long seedStart = System.nanoTime();
        // Seeding is not measured; H2's default write delay makes it faster (the bot sets its own when it opens).
        int big = Seed.closedIncident(url, "C0PAGE", PAGE_MESSAGES, 16);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<String> channels = manyIncidents(url, INSIGHTS_INCIDENTS, now);
        channels.add("C0PAGE");
        slack.publicChannels(channels);
        String token;
        try (Database db = Database.open(url, null, null)) {
            token = new JdbiSignIns(db, Clock.systemUTC()).issueLink(new Viewer(VIEWER, SlackStub.TEAM_ID));
        }
        BenchMain.progress("pages: seeded a %,d-message incident and %,d incidents (%.0f s)", PAGE_MESSAGES,
                INSIGHTS_INCIDENTS, (System.nanoTime() - seedStart) / 1e9);

        int port = ChildJvm.freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SLACK_BOT_TOKEN", "xoxb-bench");
        env.put("SLACK_SIGNING_SECRET", BenchMain.SECRET);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("PORT", Integer.toString(port));
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(botFlags);
        command.addAll(List.of("-jar", botJar.toString()));
        int warmups = quick ? 3 : 10;
        int runs = quick ? 5 : 15;
        List<Timing> timings = new ArrayList<>();
        try (ChildJvm bot = ChildJvm.start("bot-pages", command, dir, env)) {
            bot.awaitHttp(port, "/healthz", 200);
            awaitIdle(bot);
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            String cookie = signIn(client, base, token);
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            String insights = base + "/insights?from=" + today.minusDays(300) + "&to=" + today;
            timings.add(time(client, bot, "first", insights, cookie, 0, 1));
            timings.add(time(client, bot, "insights", insights, cookie, warmups, runs));
            timings.add(time(client, bot, "page", base + "/incidents/" + big, cookie, warmups, runs));
        }
        for (Timing t : timings) {
            BenchMain.progress("pages: %s: median %.1f ms (%.1f-%.1f), bot CPU %.1f ms per request, %,d bytes", t.what(),
                    t.median(), t.min(), t.max(), t.cpuMsPerRequest(), t.bytes());
        }
        return timings;
    }

    /**
     * {@code count} closed incidents, one every seven hours back from {@code now}, each in its own channel, with four
     * messages, a trigger, a detection and a resolution marked with reactions and two status changes: the key timings
     * the insights read.
     */
    static List<String> manyIncidents(String url, int count, Instant now) {
        List<String> channels = new ArrayList<>();
        ReplayClock clock = new ReplayClock(now);
        try (Database db = Database.open(url, null, null)) {
            IncidentService service = new IncidentService(new JdbiIncidentStore(db, clock), clock);
            for (int i = 0; i < count; i++) {
                Instant start = now.minus(Duration.ofHours(7L * (i + 1)));
                String channel = String.format(Locale.ROOT, "C0INS%05d", i);
                channels.add(channel);
                clock.set(start);
                Severity severity = Severity.values()[i % Severity.values().length];
                service.open("Insights incident " + i, severity, channel, "C0ORIGIN", VIEWER);
                String[] reactions = {"boom", "rotating_light", null, "white_check_mark"};
                for (int m = 0; m < reactions.length; m++) {
                    Instant at = start.plus(Duration.ofMinutes(5L * (m + 1) + i % 7));
                    clock.set(at);
                    String ts = at.getEpochSecond() + String.format(Locale.ROOT, ".%06d", m);
                    service.record(new RecordedMessage(channel, ts, null, "U000000" + (1 + m), "Message " + m, at),
                            "EvIns" + i + "x" + m);
                    if (reactions[m] != null) {
                        service.mark(channel, ts, reactions[m], VIEWER);
                    }
                    if (m == 2) {
                        service.status(channel, VIEWER, Status.IDENTIFIED);
                        service.status(channel, VIEWER, Status.MONITORING);
                    }
                }
                clock.set(start.plus(Duration.ofMinutes(40)));
                Incident closed = service.close(channel, VIEWER, "Fixed");
                if (closed.number() % 250 == 0) {
                    BenchMain.progress("pages: %,d incidents seeded", closed.number());
                }
            }
        }
        return channels;
    }

    /**
     * Waits (at most two minutes) until the bot uses less than a tenth of a core over a second: after a start it stores
     * the reports of every closed incident that has none (the seeded ones), which would otherwise be measured too.
     */
    private static void awaitIdle(ChildJvm bot) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        long before = ProcessCpu.nanos(bot.pid());
        while (System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long now = ProcessCpu.nanos(bot.pid());
            if (now - before < 100_000_000L) {
                return;
            }
            before = now;
        }
        BenchMain.progress("pages: the bot was still busy after two minutes; measuring anyway");
    }

    /** The sign-in a person makes: the link's page, then its button; returns the session cookie. */
    private static String signIn(HttpClient client, String base, String token) throws IOException, InterruptedException {
        String link = base + "/signin?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IOException("the sign-in link's page answered " + page.statusCode());
        }
        HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow(
                () -> new IOException("signing in answered " + signedIn.statusCode() + " without a cookie"));
        return cookie.substring(0, cookie.indexOf(';'));
    }

    /** {@code runs} timed GETs after {@code warmups} untimed ones; every answer must be a 200. */
    private static Timing time(HttpClient client, ChildJvm bot, String what, String url, String cookie, int warmups,
                               int runs) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie).build();
        for (int i = 0; i < warmups; i++) {
            get(client, request);
        }
        double[] ms = new double[runs];
        int bytes = 0;
        long cpuBefore = ProcessCpu.nanos(bot.pid());
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            bytes = get(client, request);
            ms[i] = (System.nanoTime() - started) / 1e6;
        }
        double cpuMs = (ProcessCpu.nanos(bot.pid()) - cpuBefore) / 1e6 / runs;
        return new Timing(what, ms, cpuMs, bytes);
    }

    private static int get(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() != 200) {
            throw new IOException(request.uri().getPath() + " answered " + answer.statusCode());
        }
        return answer.body().length;
    }
}

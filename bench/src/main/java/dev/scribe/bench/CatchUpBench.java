package dev.scribe.bench;

import dev.scribe.Config;
import dev.scribe.web.SignatureVerifier;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 17's row: the bot starts after missing 1,000 messages in 50 threads of an open incident, and reads them back
 * from a stub that enforces Slack's Tier 3 limit (50 calls a minute of each method), at the bot's default pace; the
 * time is from {@code /healthz} answering to the bot's log line saying the read-back ended. Meanwhile another
 * incident's channel gets live message events, 20 a second, whose acks must stay fast (p99 under 50 ms).
 */
final class CatchUpBench {

    static final int THREADS = 50;
    /** 50 parents and 50 x 19 replies: 1,000 messages. */
    static final int REPLIES_EACH = 19;
    static final int MESSAGES = THREADS * (1 + REPLIES_EACH);
    static final double TARGET_SECONDS = 120;
    static final double ACK_P99_TARGET_MS = 50;
    static final Duration LIVE_EVERY = Duration.ofMillis(50);
    /**
     * The live events of the bot's first seconds warm its message path up (class loading, JIT), as the ack benchmark's
     * warm-up does: they are shown, but the target holds for the events after them.
     */
    static final Duration WARM_UP = Duration.ofSeconds(5);
    /** How long the same live events run once the read-back ended, for comparison. */
    static final Duration CONTROL = Duration.ofSeconds(20);
    static final String CHANNEL = "C0CATCHUP";
    static final String LIVE = "C0LIVE";

    private CatchUpBench() {
    }

    /** Runs the catch-up and adds its rows to the report. */
    static void run(Report report, Path botJar, Path work, List<String> botFlags) throws Exception {
        Path dir = work.resolve("catch-up");
        Files.createDirectories(dir);
        String url = Config.DEFAULT_DB_URL.replace("./data", dir.resolve("data").toString());
        Seed.openIncidents(url, List.of(CHANNEL, LIVE));
        // Every missed message is written after the incident started (the read stops at its start) and before the bot
        // starts again (the read starts there): the next whole second, which the bot's start-up alone outlasts.
        long firstSecond = System.currentTimeMillis() / 1000 + 1;
        try (CatchUpStub stub = new CatchUpStub(CHANNEL, THREADS, REPLIES_EACH, firstSecond)) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("SLACK_BOT_TOKEN", "xoxb-bench");
            env.put("SLACK_SIGNING_SECRET", BenchMain.SECRET);
            env.put("SLACK_API_URL", stub.apiUrl());
            env.put("SCRIBE_DB_URL", url);
            int port = ChildJvm.freePort();
            env.put("PORT", Integer.toString(port));
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(botFlags);
            command.addAll(List.of("-jar", botJar.toString()));
            while (System.currentTimeMillis() / 1000 <= firstSecond) {
                Thread.sleep(50); // the messages' second must be over before the bot starts
            }
            try (ChildJvm bot = ChildJvm.start("bot-catch-up", command, dir, env)) {
                bot.awaitHttp(port, "/healthz", 200);
                long start = System.nanoTime();
                LiveEvents live = new LiveEvents(port, start + WARM_UP.toNanos());
                Thread sender = new Thread(live, "catch-up-live-events");
                sender.start();
                String done = "Read back incident 1: " + MESSAGES + " messages recovered";
                double seconds = Double.NaN;
                long deadline = start + Duration.ofMinutes(5).toNanos();
                while (System.nanoTime() < deadline) {
                    if (Files.readString(bot.log()).contains(done)) {
                        seconds = (System.nanoTime() - start) / 1e9;
                        break;
                    }
                    Thread.sleep(200); // polling the bot's log: it says when the read-back ended
                }
                live.stop.set(true);
                sender.join();
                // The same live events with nothing to read back: what the machine gives anyway (it is shared).
                LiveEvents control = new LiveEvents(port, System.nanoTime());
                Thread controlSender = new Thread(control, "catch-up-control-events");
                controlSender.start();
                Thread.sleep(CONTROL.toMillis());
                control.stop.set(true);
                controlSender.join();
                BenchMain.progress("catch-up of %,d messages: %.1f s; Slack calls %s, %d answered 429; live acks p99 %.1f ms",
                        MESSAGES, seconds, stub.calls(), stub.rateLimited(), live.percentileMs(99));
                report.extraRows.add(new String[] {String.format(Locale.ROOT,
                        "Catch-up: %,d missed messages in %d threads, stub at Tier 3 (50 calls/min)", MESSAGES, THREADS),
                        Double.isNaN(seconds) ? "did not end within 5 min" : String.format(Locale.ROOT,
                                "%.1f s (%d history + %d replies calls, %d answered 429)", seconds,
                                stub.calls().getOrDefault("conversations.history", 0),
                                stub.calls().getOrDefault("conversations.replies", 0), stub.rateLimited()),
                        "", "", "< 2 min", !Double.isNaN(seconds) && seconds < TARGET_SECONDS ? "PASS" : "FAIL"});
                report.extraRows.add(new String[] {"Catch-up: live acks during it, 20/s, p50 / p99 / max (ms) after the first "
                        + WARM_UP.toSeconds() + " s",
                        String.format(Locale.ROOT, "%.1f / %.1f / %.0f (%,d events, %d not 200; the first %d s: p99 %.1f, max %.0f;"
                                        + " the same %d s after the read-back: %.1f / %.1f / %.0f)",
                                live.percentileMs(50), live.percentileMs(99), live.percentileMs(100), live.count(), live.failed,
                                WARM_UP.toSeconds(), live.warmUp.percentileMs(99), live.warmUp.percentileMs(100),
                                CONTROL.toSeconds(), control.percentileMs(50), control.percentileMs(99), control.percentileMs(100)),
                        "", "", "p99 < 50 ms",
                        live.count() > 0 && live.failed == 0 && live.percentileMs(99) < ACK_P99_TARGET_MS ? "PASS" : "FAIL"});
            }
        }
    }

    /** Latencies in nanoseconds. */
    private static final class Latencies {
        private long[] nanos = new long[1024];
        private int n;

        void add(long value) {
            if (n == nanos.length) {
                nanos = Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = value;
        }

        double percentileMs(double p) {
            if (n == 0) {
                return Double.NaN;
            }
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * n) - 1;
            return sorted[Math.max(0, Math.min(index, n - 1))] / 1e6;
        }
    }

    /** Message events in the other incident's channel, one every {@link #LIVE_EVERY}, each ack timed. */
    private static final class LiveEvents implements Runnable {
        final AtomicBoolean stop = new AtomicBoolean();
        final Latencies warmUp = new Latencies();
        private final Latencies measured = new Latencies();
        private final long measureFrom;
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final SignatureVerifier signer = new SignatureVerifier(BenchMain.SECRET, Clock.systemUTC());
        private final URI uri;
        int failed;

        LiveEvents(int port, long measureFrom) {
            this.uri = URI.create("http://127.0.0.1:" + port + "/slack/events");
            this.measureFrom = measureFrom;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            long seq = 0;
            while (!stop.get()) {
                seq++;
                String now = Long.toString(System.currentTimeMillis() / 1000);
                String ts = String.format(Locale.ROOT, "%s.%06d", now, seq % 1_000_000);
                byte[] body = ("{\"token\":\"unused\",\"team_id\":\"" + SlackStub.TEAM_ID + "\",\"api_app_id\":\"A0BENCH\","
                        + "\"type\":\"event_callback\",\"event_id\":\"EvLive" + seq + "\",\"event_time\":" + now + ","
                        + "\"event\":{\"type\":\"message\",\"channel\":\"" + LIVE + "\",\"user\":\"U0000003\",\"text\":"
                        + "\"live while catching up " + seq + "\",\"ts\":\"" + ts + "\",\"event_ts\":\"" + ts + "\"}}")
                        .getBytes(StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                        .header("X-Slack-Request-Timestamp", now).header("X-Slack-Signature", signer.sign(now, body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                long sent = System.nanoTime();
                try {
                    HttpResponse<Void> answer = http.send(request, HttpResponse.BodyHandlers.discarding());
                    (sent < measureFrom ? warmUp : measured).add(System.nanoTime() - sent);
                    if (answer.statusCode() != 200) {
                        failed++;
                    }
                } catch (Exception e) {
                    failed++;
                }
                next += LIVE_EVERY.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        int count() {
            return measured.n;
        }

        double percentileMs(double p) {
            return measured.percentileMs(p);
        }
    }
}

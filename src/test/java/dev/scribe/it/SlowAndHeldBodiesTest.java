package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hostile senders on loopback, a few hundred sockets for a few seconds: bodies dribbled a byte every 2 s, and
 * bodies of nearly 1 MiB sent but never finished. While they run, {@code /healthz} and a signed command still
 * answer within a second, no thread waits for a body, and a bot with a 256 MiB heap does not run out; headers
 * dribbled in a byte a second are cut off at their deadline.
 */
class SlowAndHeldBodiesTest {

    /** What each probe may take while the hostile senders run. */
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(1);

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void slowBodiesStallNobody(RunningScribe bot) throws Exception {
        try (HostileSenders senders = new HostileSenders(bot.port())) {
            warmUp(bot.http(), bot.slack);
            for (int i = 0; i < 200; i++) {
                // Three in four look signed (only the body can tell); the rest have no Slack headers at all.
                Socket socket = senders.open(2_000, i % 4 != 0);
                socket.getOutputStream().write('{');
            }
            int peakHeld = threadsInTheWebEdge();
            long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            long nextDribble = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            int probes = 0;
            while (System.nanoTime() < end) {
                if (System.nanoTime() >= nextDribble) {
                    senders.sendToEach(new byte[] {' '});
                    nextDribble += Duration.ofSeconds(2).toNanos();
                }
                probe(bot.http(), bot.slack, "dribble " + probes++);
                peakHeld = Math.max(peakHeld, threadsInTheWebEdge());
            }
            assertTrue(probes >= 5, "probed " + probes + " times");
            assertTrue(peakHeld <= 10, peakHeld + " threads were inside dev.scribe.web at once while 200 sockets dribbled");
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void headersDribbledInAreCutOffWithinTheirDeadline(RunningScribe bot) throws Exception {
        try (HostileSenders senders = new HostileSenders(bot.port())) {
            warmUp(bot.http(), bot.slack);
            for (int i = 0; i < 50; i++) {
                senders.openInsideHeaders();
            }
            // A header byte every second keeps Jetty's 20 s idle timeout from ever firing; only the header
            // deadline (10 s, checked every second) can end these connections.
            long end = System.nanoTime() + Duration.ofSeconds(13).toNanos();
            int stillTaking = 50;
            while (System.nanoTime() < end && stillTaking > 0) {
                stillTaking = senders.sendToEach(new byte[] {'0'});
                probe(bot.http(), bot.slack, "while headers dribble");
                Thread.sleep(1_000);
            }
            assertEquals(50, senders.closedByTheBot(100),
                    "every connection dribbling its headers was closed by the bot within 15 s");
            probe(bot.http(), bot.slack, "after");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void requestsWithoutSlackHeadersGet401BeforeTheirBodyArrives(RunningScribe bot) throws Exception {
        try (HostileSenders senders = new HostileSenders(bot.port())) {
            for (int i = 0; i < 20; i++) {
                senders.open(1_000, false); // headers only; the body never comes
            }
            assertEquals(20, senders.answered("HTTP/1.1 401", 2_000), "every one answered 401 without its body");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void heldLargeBodiesDoNotExhaustA256MiBHeap() throws Exception {
        try (FakeSlackApi slack = RunningScribe.seededSlack()) {
            Map<String, String> env = RunningScribe.environment(slack, RunningScribe.h2Url(scribe.dir()), Map.of());
            try (BotProcess process = BotProcess.start(env, scribe.dir().resolve("bot.log"), List.of("-Xmx256m", "-Dfile.encoding=UTF-8"))) {
                int port = process.awaitListening(Duration.ofSeconds(60));
                SignedClient client = new SignedClient(port, RunningScribe.SECRET, Clock.systemUTC());
                warmUp(client, slack);
                byte[] almostAll = new byte[1_048_566];
                Arrays.fill(almostAll, (byte) 'x');
                try (HostileSenders senders = new HostileSenders(port)) {
                    List<Socket> sockets = new ArrayList<>();
                    for (int i = 0; i < 190; i++) {
                        sockets.add(senders.open(1_048_576, true));
                    }
                    sendAll(sockets, almostAll, Duration.ofSeconds(30));
                    // Read the answers first: the bot has taken in 190 MiB, and this gives it a moment to settle.
                    int refused = senders.answered("HTTP/1.1 503", 50);
                    assertFalse(process.output().contains("OutOfMemoryError"), process.output());
                    for (int i = 0; i < 5; i++) {
                        probe(client, slack, "held " + i);
                    }
                    assertTrue(refused >= 100, "most held bodies beyond the budget were refused at once: " + refused
                            + " of " + senders.size());
                }
                probe(client, slack, "after");
                assertFalse(process.output().contains("OutOfMemoryError"), process.output());
            }
        }
    }

    /** Threads of this JVM running the bot's HTTP edge code right now (waiting for a body, for instance). */
    private static int threadsInTheWebEdge() {
        int count = 0;
        for (StackTraceElement[] stack : Thread.getAllStackTraces().values()) {
            if (Arrays.stream(stack).anyMatch(frame -> frame.getClassName().startsWith("dev.scribe.web."))) {
                count++;
            }
        }
        return count;
    }

    /** The first requests load classes and open connections; they are not what is measured. */
    private static void warmUp(SignedClient client, FakeSlackApi slack) {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("/healthz").statusCode());
            assertEquals(200, client.command(SlackPayloads.slashCommand(ALICE, OPS, "help",
                    slack.responseUrl("warm-up-" + i))).statusCode());
        }
    }

    /** {@code /healthz} and a signed {@code /incident help} each answer 200 within {@link #PROBE_LIMIT}. */
    private static void probe(SignedClient client, FakeSlackApi slack, String when) {
        timed(() -> client.get("/healthz"), "/healthz " + when);
        timed(() -> client.command(SlackPayloads.slashCommand(ALICE, OPS, "help",
                slack.responseUrl("probe-" + System.nanoTime()))), "signed command " + when);
    }

    private static void timed(Supplier<HttpResponse<String>> call, String what) {
        long start = System.nanoTime();
        HttpResponse<String> response = call.get();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(200, response.statusCode(), what + ": " + response.body());
        assertTrue(took.compareTo(PROBE_LIMIT) <= 0, what + " took " + took.toMillis() + " ms");
    }

    /** Writes {@code bytes} to every socket from a few threads, giving up (and leaving them to close) at the deadline. */
    private static void sendAll(List<Socket> sockets, byte[] bytes, Duration deadline) throws InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (Socket socket : sockets) {
                writes.add(writers.submit(() -> {
                    socket.getOutputStream().write(bytes);
                    socket.getOutputStream().flush();
                    return null;
                }));
            }
            writers.shutdown();
            assertTrue(writers.awaitTermination(deadline.toMillis(), TimeUnit.MILLISECONDS),
                    "190 MiB over loopback took more than " + deadline);
        } finally {
            writers.shutdownNow();
        }
    }
}

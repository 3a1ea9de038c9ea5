package dev.scribe.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: N senders, each on its own keep-alive connection, send a pre-signed
 * event, wait for the answer, send the next. The events are signed before the phase ({@link SignedEvents}) and
 * one thread drives every connection ({@link SelectorSenders}), so a request costs the generator a write and its
 * share of a read: raw sockets rather than an HTTP client library keep its own CPU per request below either
 * server's (each phase measures both, see {@link Result#generatorCpuMicrosPerRequest()}), and both servers see
 * exactly the same bytes.
 */
final class LoadGenerator {

    /**
     * What one phase measured. Latencies are in nanoseconds, sorted. {@code requests} counts every answer of the
     * phase, warm-up included, and the CPU times (generator process, server process) cover the same span.
     */
    record Result(int senders, long acked, long failed, double seconds, long[] latencies, long requests,
                  long generatorCpuNanos, long serverCpuNanos, boolean exhausted) {

        double perSecond() {
            return acked / seconds;
        }

        double percentileMs(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }

        double maxMs() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }

        double generatorCpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : generatorCpuNanos / 1e3 / requests;
        }

        double serverCpuMicrosPerRequest() {
            return requests == 0 ? Double.NaN : serverCpuNanos / 1e3 / requests;
        }
    }

    private final int port;
    private final long serverPid;
    private final AtomicLong allAcked = new AtomicLong();
    private final AtomicLong allFailed = new AtomicLong();

    LoadGenerator(int port, long serverPid) {
        this.port = port;
        this.serverPid = serverPid;
    }

    /** Every 200 answer so far, warm-up included: each is an event the server said it has. */
    long allAcked() {
        return allAcked.get();
    }

    /** Every answer other than 200 (or no answer) so far, warm-up included. */
    long allFailed() {
        return allFailed.get();
    }

    /**
     * Runs {@code senders} senders for {@code warmupMillis} (not recorded) and then {@code measureMillis}, sending
     * the events of {@code batch} once each; only requests started in the measured window count, and the window
     * ends when the last of them is answered (or earlier if the batch runs out, which the result says).
     */
    Result run(int senders, long warmupMillis, long measureMillis, SignedEvents.Batch batch) throws InterruptedException {
        long generatorCpu = ProcessCpu.nanos(ProcessHandle.current().pid());
        long serverCpu = ProcessCpu.nanos(serverPid);
        long start = System.nanoTime();
        long measureFrom = start + warmupMillis * 1_000_000;
        long measureUntil = measureFrom + measureMillis * 1_000_000;
        SelectorSenders all = new SelectorSenders(port, batch, measureFrom, measureUntil, allAcked, allFailed);
        try {
            all.run(senders);
        } catch (IOException e) {
            throw new UncheckedIOException("The load generator's selector failed", e);
        }
        generatorCpu = ProcessCpu.nanos(ProcessHandle.current().pid()) - generatorCpu;
        serverCpu = ProcessCpu.nanos(serverPid) - serverCpu;
        long[] latencies = Arrays.copyOf(all.latencies, all.count);
        Arrays.sort(latencies);
        long failed = all.failed;
        long requests = all.requests;
        long lastAnswer = all.count == 0 ? measureFrom : all.lastAnswer;
        double seconds = Math.max(lastAnswer - measureFrom, 1) / 1e9;
        return new Result(senders, latencies.length, failed, seconds, latencies, requests, generatorCpu, serverCpu,
                batch.exhausted() && measureMillis > 0);
    }
}

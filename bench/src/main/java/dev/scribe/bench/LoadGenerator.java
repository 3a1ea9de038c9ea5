package dev.scribe.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop HTTP/1.1 load generator: N senders, each on its own keep-alive connection, send a pre-signed
 * event, wait for the answer, send the next. The events are signed before the phase ({@link SignedEvents}), so
 * a sender only copies bytes to a socket and reads the status: raw sockets rather than an HTTP client library
 * keep the generator's own CPU per request far below either server's (each phase measures both, see
 * {@link Result#generatorCpuMicrosPerRequest()}), and both servers see exactly the same bytes.
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
        List<Sender> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Sender sender = new Sender(batch, measureFrom, measureUntil);
            Thread t = new Thread(sender, "sender-" + i);
            t.setDaemon(true);
            t.start();
            all.add(sender);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        generatorCpu = ProcessCpu.nanos(ProcessHandle.current().pid()) - generatorCpu;
        serverCpu = ProcessCpu.nanos(serverPid) - serverCpu;
        long[] latencies = all.stream().flatMapToLong(s -> Arrays.stream(s.latencies, 0, s.count)).sorted().toArray();
        long failed = all.stream().mapToLong(s -> s.failed).sum();
        long requests = all.stream().mapToLong(s -> s.requests).sum();
        long lastAnswer = all.stream().mapToLong(s -> s.lastAnswer).max().orElse(measureFrom);
        double seconds = Math.max(lastAnswer - measureFrom, 1) / 1e9;
        return new Result(senders, latencies.length, failed, seconds, latencies, requests, generatorCpu, serverCpu,
                batch.exhausted() && measureMillis > 0);
    }

    /** One sender; its fields are read only after its thread has ended. */
    private final class Sender implements Runnable {
        private final SignedEvents.Batch batch;
        private final long measureFrom;
        private final long measureUntil;
        private long[] latencies = new long[4096];
        private int count;
        private long failed;
        private long requests;
        private long lastAnswer;

        Sender(SignedEvents.Batch batch, long measureFrom, long measureUntil) {
            this.batch = batch;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            Connection connection = null;
            while (true) {
                long started = System.nanoTime();
                if (started >= measureUntil) {
                    break;
                }
                int event = batch.next();
                if (event < 0) {
                    break;
                }
                int status;
                try {
                    if (connection == null) {
                        connection = new Connection(port);
                    }
                    status = connection.exchange(batch.arena(), batch.offset(event), batch.length(event));
                } catch (IOException | RuntimeException e) {
                    status = -1;
                    closeQuietly(connection);
                    connection = null;
                }
                long answered = System.nanoTime();
                requests++;
                (status == 200 ? allAcked : allFailed).incrementAndGet();
                if (started < measureFrom) {
                    continue;
                }
                if (status != 200) {
                    failed++;
                    continue;
                }
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = answered - started;
                lastAnswer = answered;
            }
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            c.close();
        }
    }

    /** One keep-alive connection; reads just enough of each response to find its end, without making strings. */
    private static final class Connection {
        private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] CONNECTION = "connection:".getBytes(StandardCharsets.US_ASCII);

        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final byte[] line = new byte[1024];
        private int lineLength;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Sends the request and returns the response's status, the body read and dropped. */
        int exchange(byte[] buffer, int offset, int length) throws IOException {
            out.write(buffer, offset, length);
            out.flush();
            readLine();
            if (lineLength < 12) {
                throw new IOException("not an HTTP status line");
            }
            int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            long contentLength = 0;
            boolean chunked = false;
            boolean close = false;
            for (readLine(); lineLength > 0; readLine()) {
                if (startsWith(CONTENT_LENGTH)) {
                    contentLength = number(CONTENT_LENGTH.length, 10);
                } else if (startsWith(TRANSFER_ENCODING)) {
                    chunked = contains("chunked");
                } else if (startsWith(CONNECTION)) {
                    close = contains("close");
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    skip(size);
                    readLine();
                }
                readLine();
            } else {
                skip(contentLength);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private long chunkSize() throws IOException {
            readLine();
            return number(0, 16);
        }

        /** Reads one line (without CR LF) into {@link #line}; a longer line is cut, which no header here needs. */
        private void readLine() throws IOException {
            lineLength = 0;
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new EOFException();
                }
                if (c != '\r' && lineLength < line.length) {
                    line[lineLength++] = (byte) c;
                }
            }
        }

        private boolean startsWith(byte[] lowerPrefix) {
            if (lineLength < lowerPrefix.length) {
                return false;
            }
            for (int i = 0; i < lowerPrefix.length; i++) {
                if (Character.toLowerCase(line[i]) != lowerPrefix[i]) {
                    return false;
                }
            }
            return true;
        }

        private boolean contains(String lowerWord) {
            return new String(line, 0, lineLength, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT).contains(lowerWord);
        }

        private long number(int from, int radix) {
            long value = 0;
            for (int i = from; i < lineLength; i++) {
                int digit = Character.digit(line[i], radix);
                if (digit >= 0) {
                    value = value * radix + digit;
                } else if (line[i] != ' ' || value != 0) {
                    break;
                }
            }
            return value;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() == -1) {
                        throw new EOFException();
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a benchmark connection: nothing to do
            }
        }
    }
}

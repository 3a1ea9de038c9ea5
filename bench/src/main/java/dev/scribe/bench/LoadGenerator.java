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
 * A closed-loop HTTP/1.1 load generator: N senders, each on its own keep-alive connection, send a signed event,
 * wait for the answer, send the next. Raw sockets rather than an HTTP client library, so the generator spends
 * as little of the shared 2 CPUs as possible and both servers see exactly the same bytes.
 */
final class LoadGenerator {

    /** What one phase measured. Latencies are in nanoseconds, sorted. */
    record Result(int senders, long acked, long failed, double seconds, long[] latencies) {

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
    }

    private final int port;
    private final SignedEvents events;
    private final List<String> channels;
    private final AtomicLong allAcked = new AtomicLong();
    private final AtomicLong allFailed = new AtomicLong();

    LoadGenerator(int port, SignedEvents events, List<String> channels) {
        this.port = port;
        this.events = events;
        this.channels = channels;
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
     * Runs {@code senders} senders for {@code warmupMillis} (not recorded) and then {@code measureMillis}; only
     * requests started in the measured window count, and the window ends when the last of them is answered.
     */
    Result run(int senders, long warmupMillis, long measureMillis) throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmupMillis * 1_000_000;
        long measureUntil = measureFrom + measureMillis * 1_000_000;
        List<Sender> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Sender sender = new Sender(i, measureFrom, measureUntil);
            Thread t = new Thread(sender, "sender-" + i);
            t.setDaemon(true);
            t.start();
            all.add(sender);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long[] latencies = all.stream().flatMapToLong(s -> Arrays.stream(s.latencies, 0, s.count)).sorted().toArray();
        long failed = all.stream().mapToLong(s -> s.failed).sum();
        long lastAnswer = all.stream().mapToLong(s -> s.lastAnswer).max().orElse(measureFrom);
        double seconds = Math.max(lastAnswer - measureFrom, 1) / 1e9;
        return new Result(senders, latencies.length, failed, seconds, latencies);
    }

    /** One sender; its fields are read only after its thread has ended. */
    private final class Sender implements Runnable {
        private final int id;
        private final long measureFrom;
        private final long measureUntil;
        private long[] latencies = new long[4096];
        private int count;
        private long failed;
        private long lastAnswer;

        Sender(int id, long measureFrom, long measureUntil) {
            this.id = id;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
        }

        @Override
        public void run() {
            String channel = channels.get(id % channels.size());
            String user = String.format(Locale.ROOT, "U%07d", id);
            Connection connection = null;
            while (true) {
                long started = System.nanoTime();
                if (started >= measureUntil) {
                    break;
                }
                byte[] request = events.nextRequest(channel, user);
                int status;
                try {
                    if (connection == null) {
                        connection = new Connection(port);
                    }
                    status = connection.exchange(request);
                } catch (IOException | RuntimeException e) {
                    status = -1;
                    closeQuietly(connection);
                    connection = null;
                }
                long answered = System.nanoTime();
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

    /** One keep-alive connection; reads just enough of each response to find its end. */
    private static final class Connection {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;

        Connection(int port) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 8192);
        }

        /** Sends the request and returns the response's status, the body read and dropped. */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16); size > 0; size = Long.parseLong(line().trim(), 16)) {
                    skip(size);
                    line();
                }
                line();
            } else {
                skip(length);
            }
            if (close) {
                throw new IOException("server closed the connection");
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c == -1) {
                    throw new EOFException();
                }
                if (c != '\r') {
                    sb.append((char) c);
                }
            }
            return sb.toString();
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

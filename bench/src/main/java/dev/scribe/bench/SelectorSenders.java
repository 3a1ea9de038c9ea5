package dev.scribe.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N closed-loop senders driven by one thread through a {@link Selector}, as {@code wrk} drives its connections with
 * {@code epoll}: one wake-up serves every answer that arrived meanwhile, and there is no thread per connection to
 * wake and switch to after each answer. That thread-per-connection cost was most of what the generator still spent
 * per request once events were pre-signed. Each connection sends a pre-signed request, reads the whole answer
 * (status line, headers, then {@code Content-Length} bytes or chunks up to the last one), and sends the next.
 */
final class SelectorSenders {

    /** A connection that has not answered for this long is counted as failed and dropped. */
    private static final long ANSWER_TIMEOUT_NANOS = 30_000_000_000L;
    /** The last five bytes of a chunked body: "0" CR LF CR LF. */
    private static final long LAST_CHUNK = 0x300d0a0d0aL;

    private final int port;
    private final SignedEvents.Batch batch;
    private final long measureFrom;
    private final long measureUntil;
    private final AtomicLong allAcked;
    private final AtomicLong allFailed;
    private final ByteBuffer in = ByteBuffer.allocateDirect(256 * 1024);

    long[] latencies = new long[1 << 16];
    int count;
    long failed;
    long requests;
    long lastAnswer;

    SelectorSenders(int port, SignedEvents.Batch batch, long measureFrom, long measureUntil, AtomicLong allAcked,
                    AtomicLong allFailed) {
        this.port = port;
        this.batch = batch;
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
        this.allAcked = allAcked;
        this.allFailed = allFailed;
    }

    /** Runs until every connection is done: past the measured window, or out of events. */
    void run(int connections) throws IOException {
        try (Selector selector = Selector.open()) {
            int active = 0;
            for (int i = 0; i < connections; i++) {
                Conn c = new Conn();
                if (c.open(selector)) {
                    active++;
                }
            }
            while (active > 0) {
                selector.select(100);
                long now = System.nanoTime();
                for (SelectionKey key : selector.selectedKeys()) {
                    Conn c = (Conn) key.attachment();
                    if (!c.step(key, now)) {
                        active--;
                    }
                }
                selector.selectedKeys().clear();
                if (now - lastCheck > 1_000_000_000L) {
                    lastCheck = now;
                    for (SelectionKey key : selector.keys()) {
                        Conn c = (Conn) key.attachment();
                        if (key.isValid() && c.started != 0 && now - c.started > ANSWER_TIMEOUT_NANOS) {
                            c.answered(-1, now);
                            c.close(key);
                            active--;
                        }
                    }
                }
            }
        }
    }

    private long lastCheck = System.nanoTime();

    /** One keep-alive connection and where its current exchange is. */
    private final class Conn {
        SocketChannel channel;
        ByteBuffer out;
        long started;
        // Response parsing: the current line (status line or header), what the headers said, and the body left.
        final byte[] line = new byte[256];
        int lineLength;
        boolean statusSeen;
        int status;
        long contentLength;
        boolean chunked;
        boolean close;
        boolean inBody;
        long bodyLeft;
        long chunkTail;

        /** Connects and sends the first request; false when there is nothing to send or no connection. */
        boolean open(Selector selector) {
            try {
                channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
                SelectionKey key = channel.register(selector, 0, this);
                return next(key, System.nanoTime());
            } catch (IOException e) {
                allFailed.incrementAndGet();
                failed++;
                return false;
            }
        }

        /** Takes the next request and starts writing it; false (and closed) when this connection is done. */
        boolean next(SelectionKey key, long now) throws IOException {
            int event = now >= measureUntil ? -1 : batch.next();
            if (event < 0) {
                close(key);
                return false;
            }
            out = ByteBuffer.wrap(batch.arena(), batch.offset(event), batch.length(event));
            started = System.nanoTime();
            statusSeen = false;
            lineLength = 0;
            contentLength = 0;
            chunked = false;
            close = false;
            inBody = false;
            chunkTail = 0;
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            return true;
        }

        /** Handles readiness; false when this connection is done (closed). */
        boolean step(SelectionKey key, long now) {
            try {
                if (key.isWritable()) {
                    channel.write(out);
                    if (!out.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                    return true;
                }
                if (!key.isReadable()) {
                    return true;
                }
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    throw new IOException("closed by the server");
                }
                in.flip();
                if (!consume()) {
                    return true;
                }
                answered(status, now);
                if (close) {
                    // The server ends the connection after this answer: start a new one for the next request.
                    close(key);
                    return open(key.selector());
                }
                return next(key, now);
            } catch (IOException | RuntimeException e) {
                answered(-1, now);
                close(key);
                return open(key.selector());
            }
        }

        /** Parses what arrived; true once the whole answer is in. */
        private boolean consume() throws IOException {
            while (in.hasRemaining()) {
                if (inBody) {
                    if (chunked) {
                        // Small bodies only: the answer ends with the last chunk, "0" CR LF CR LF.
                        chunkTail = ((chunkTail << 8) | (in.get() & 0xff)) & 0xffffffffffL;
                        if (chunkTail == LAST_CHUNK) {
                            return true;
                        }
                        continue;
                    }
                    int take = (int) Math.min(bodyLeft, in.remaining());
                    in.position(in.position() + take);
                    bodyLeft -= take;
                    if (bodyLeft == 0) {
                        return true;
                    }
                    continue;
                }
                byte b = in.get();
                if (b == '\n') {
                    if (headerLine()) {
                        if (chunked) {
                            inBody = true;
                        } else if (contentLength == 0) {
                            return true;
                        } else {
                            inBody = true;
                            bodyLeft = contentLength;
                        }
                    }
                    lineLength = 0;
                } else if (b != '\r' && lineLength < line.length) {
                    line[lineLength++] = b;
                }
            }
            return false;
        }

        /** One line of the head; true when it was the empty line that ends the headers. */
        private boolean headerLine() throws IOException {
            if (!statusSeen) {
                if (lineLength < 12) {
                    throw new IOException("not an HTTP status line");
                }
                status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
                statusSeen = true;
                return false;
            }
            if (lineLength == 0) {
                return true;
            }
            String header = new String(line, 0, lineLength, java.nio.charset.StandardCharsets.US_ASCII);
            int colon = header.indexOf(':');
            if (colon > 0) {
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("content-length")) {
                    contentLength = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
                } else if (name.equalsIgnoreCase("connection")) {
                    close = value.toLowerCase(java.util.Locale.ROOT).contains("close");
                }
            }
            return false;
        }

        void answered(int answerStatus, long now) {
            requests++;
            (answerStatus == 200 ? allAcked : allFailed).incrementAndGet();
            if (started < measureFrom) {
                return;
            }
            if (answerStatus != 200) {
                failed++;
                return;
            }
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = now - started;
            lastAnswer = now;
        }

        void close(SelectionKey key) {
            key.cancel();
            started = 0;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a benchmark connection: nothing to do
            }
        }
    }
}

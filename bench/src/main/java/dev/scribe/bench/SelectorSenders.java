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
 * (status line, headers, then {@code Content-Length} bytes or chunks up to the last one), and sends the next. A single
 * connection is driven with blocking calls instead ({@link #runAlone}): with one connection there is nothing to batch.
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
        if (connections == 1) {
            runAlone();
            return;
        }
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

    /**
     * One connection needs no selector: a blocking write and blocking reads, two system calls a request where the
     * selector's wake-up and bookkeeping made the generator cost about a third of the server's CPU per request.
     */
    private void runAlone() {
        Conn c = new Conn();
        while (c.connect()) {
            try {
                while (true) {
                    long now = System.nanoTime();
                    int event = now >= measureUntil ? -1 : batch.next();
                    if (event < 0) {
                        c.closeChannel();
                        return;
                    }
                    c.begin(event);
                    while (c.out.hasRemaining()) {
                        c.channel.write(c.out);
                    }
                    boolean whole = false;
                    while (!whole) {
                        in.clear();
                        if (c.channel.read(in) < 0) {
                            throw new IOException("closed by the server");
                        }
                        in.flip();
                        whole = c.consume();
                    }
                    c.answered(c.status, System.nanoTime());
                    if (c.close) {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                c.answered(-1, System.nanoTime());
            }
            c.closeChannel();
        }
    }

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

        /** A blocking connection ({@link #runAlone}); false, counted as failed, when there is none. */
        boolean connect() {
            try {
                channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.connect(new InetSocketAddress("127.0.0.1", port));
                return true;
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
            begin(event);
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            return true;
        }

        /** Makes {@code event} the request to send and forgets the last answer. */
        void begin(int event) {
            out = ByteBuffer.wrap(batch.arena(), batch.offset(event), batch.length(event));
            started = System.nanoTime();
            statusSeen = false;
            lineLength = 0;
            contentLength = 0;
            chunked = false;
            close = false;
            inBody = false;
            chunkTail = 0;
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
        boolean consume() throws IOException {
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
            // Compared byte by byte, no strings made: at one connection the generator's own work per request counts.
            if (named("content-length")) {
                contentLength = number();
            } else if (named("transfer-encoding")) {
                chunked = valueHas("chunked");
            } else if (named("connection")) {
                close = valueHas("close");
            }
            return false;
        }

        /** True when the current header line is {@code name} (lower case) followed by a colon, in any letter case. */
        private boolean named(String name) {
            if (lineLength <= name.length() || line[name.length()] != ':') {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.toLowerCase(line[i]) != name.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** The header's value as a decimal number (spaces around it ignored). */
        private long number() throws IOException {
            long value = 0;
            boolean digits = false;
            for (int i = indexAfterColon(); i < lineLength; i++) {
                byte b = line[i];
                if (b >= '0' && b <= '9') {
                    value = value * 10 + (b - '0');
                    digits = true;
                } else if (b != ' ' && b != '\t') {
                    throw new IOException("not a number in a header");
                }
            }
            if (!digits) {
                throw new IOException("an empty number in a header");
            }
            return value;
        }

        /** True when the header's value holds {@code word} (lower case), in any letter case. */
        private boolean valueHas(String word) {
            for (int from = indexAfterColon(); from + word.length() <= lineLength; from++) {
                int i = 0;
                while (i < word.length() && Character.toLowerCase(line[from + i]) == word.charAt(i)) {
                    i++;
                }
                if (i == word.length()) {
                    return true;
                }
            }
            return false;
        }

        private int indexAfterColon() {
            for (int i = 0; i < lineLength; i++) {
                if (line[i] == ':') {
                    return i + 1;
                }
            }
            return lineLength;
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
            closeChannel();
        }

        void closeChannel() {
            started = 0;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a benchmark connection: nothing to do
            }
        }
    }
}

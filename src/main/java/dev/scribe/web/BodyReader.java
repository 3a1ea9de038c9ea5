package dev.scribe.web;

import static dev.scribe.web.SlackRequestFilter.MAX_BODY_BYTES;
import static dev.scribe.web.SlackRequestFilter.MAX_DISCARDED_BYTES;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a request body with non-blocking I/O, so a client that sends slowly or not at all holds no thread, only
 * its connection. The whole body must arrive within {@link #BODY_TIMEOUT_MILLIS} (and at the connector's minimum
 * data rate), else the request ends with 408. A body is either kept (read straight into an array of its declared
 * length, then the request is dispatched again with it), counted (an unsigned body without a length, to tell 413
 * from 401) or discarded (after an answer already written, so a client that writes its whole body before reading
 * still reads the answer). Past {@link SlackRequestFilter#MAX_BODY_BYTES} a kept or counted body gets 413 and the
 * rest is discarded; past the discard limit ({@link SlackRequestFilter#MAX_DISCARDED_BYTES} after a 413), the
 * connection is closed.
 *
 * <p>The container calls the listener methods one at a time for a request, never two at once.
 */
final class BodyReader implements ReadListener, AsyncListener {

    /** The whole body must have arrived within this time of the request's headers; Slack sends it at once. */
    static final long BODY_TIMEOUT_MILLIS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(BodyReader.class);

    /** What happens to the bytes read. */
    private enum Mode { KEEP, COUNT, DISCARD }

    /** Takes a whole kept body, before the request is dispatched again. */
    @FunctionalInterface
    interface KeptBody {
        void accept(byte[] body);
    }

    /** Answers a counted body that ended within the limit. */
    @FunctionalInterface
    interface CountedBody {
        void answer() throws IOException;
    }

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final ServletInputStream in;
    private final boolean lengthKnown;
    private final KeptBody kept;
    private final CountedBody counted;
    private final Runnable onDropped;
    private byte[] scratch;
    private Mode mode;
    private byte[] body;
    private int filled;
    private long discarded;
    private final long discardLimit;
    private boolean finished;

    private BodyReader(HttpServletRequest request, HttpServletResponse response, Mode mode, int declared,
                       long discardLimit, KeptBody kept, CountedBody counted, Runnable onDropped) throws IOException {
        this.request = request;
        this.response = response;
        this.mode = mode;
        this.lengthKnown = declared >= 0;
        this.discardLimit = discardLimit;
        this.kept = kept;
        this.counted = counted;
        this.onDropped = onDropped;
        // Sized from the declared length: no growing copies for every body Slack sends.
        this.body = mode == Mode.KEEP ? new byte[lengthKnown ? declared : 16 * 1024] : null;
        this.scratch = mode == Mode.KEEP ? null : new byte[8192];
        this.async = request.startAsync();
        this.in = request.getInputStream();
        async.setTimeout(BODY_TIMEOUT_MILLIS);
        async.addListener(this);
        in.setReadListener(this);
    }

    /**
     * The whole body of {@code declared} bytes when it has arrived already (the container holds it, so reading it
     * cannot block), else null with nothing read: then {@link #keep} reads it without holding a thread.
     */
    static byte[] ifArrived(HttpServletRequest request, int declared) throws IOException {
        ServletInputStream in = request.getInputStream();
        // available() only looks at what the container has received; it never waits for more.
        if (in.available() < declared) {
            return null;
        }
        byte[] body = new byte[declared];
        int filled = 0;
        while (filled < declared) {
            int n = in.read(body, filled, declared - filled);
            if (n < 0) {
                throw new java.io.EOFException("the body ended after " + filled + " of " + declared + " bytes");
            }
            filled += n;
        }
        return body;
    }

    /**
     * Reads the body into memory ({@code declared} bytes, or up to the limit when -1), hands it to {@code kept} and
     * dispatches the request again; {@code onDropped} runs instead if the body never arrives whole.
     */
    static void keep(HttpServletRequest request, HttpServletResponse response, int declared, KeptBody kept,
                     Runnable onDropped) throws IOException {
        new BodyReader(request, response, Mode.KEEP, declared, MAX_DISCARDED_BYTES, kept, null, onDropped);
    }

    /** Reads and drops a body of unknown length: 413 past the limit, else {@code counted} answers at its end. */
    static void count(HttpServletRequest request, HttpServletResponse response, CountedBody counted) throws IOException {
        new BodyReader(request, response, Mode.COUNT, -1, MAX_DISCARDED_BYTES, null, counted, () -> { });
    }

    /** Reads and drops what the client still sends after the answer already written, up to {@code limit} bytes. */
    static void discard(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        new BodyReader(request, response, Mode.DISCARD, -1, limit, null, null, () -> { });
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished && in.isReady()) {
            int n = mode == Mode.KEEP ? readKept() : in.read(scratch, 0, scratch.length);
            if (n == -1) {
                return; // onAllDataRead follows
            }
            if (mode == Mode.KEEP) {
                filled += n;
                if (filled > MAX_BODY_BYTES) {
                    tooLarge();
                }
            } else {
                discarded += n;
                if (mode == Mode.COUNT && discarded > MAX_BODY_BYTES) {
                    tooLarge();
                } else if (mode == Mode.DISCARD && discarded >= discardLimit) {
                    // Enough: the connection is closed with the rest unread.
                    end();
                }
            }
        }
    }

    /** Reads into the body array, growing it (bodies without a length) up to one byte over the limit. */
    private int readKept() throws IOException {
        if (filled == body.length) {
            if (lengthKnown) {
                // Jetty ends the stream at the declared length: this read only sees that end.
                int n = in.read(new byte[1]);
                return n == -1 ? -1 : MAX_BODY_BYTES + 1;
            }
            body = Arrays.copyOf(body, Math.min(body.length * 2, MAX_BODY_BYTES + 1));
        }
        return in.read(body, filled, body.length - filled);
    }

    /** 413 at once; the rest of the body is read and dropped so that the client reads the answer. */
    private void tooLarge() throws IOException {
        body = null;
        onDropped.run();
        SlackRequestFilter.reply(response, 413, SlackRequestFilter.tooLarge());
        response.flushBuffer();
        mode = Mode.DISCARD;
        discarded = 0;
        if (scratch == null) {
            scratch = new byte[8192];
        }
    }

    @Override
    public void onAllDataRead() throws IOException {
        if (finished) {
            return;
        }
        switch (mode) {
            case KEEP -> {
                finished = true;
                byte[] whole = filled == body.length ? body : Arrays.copyOf(body, filled);
                body = null;
                kept.accept(whole);
                async.dispatch();
            }
            case COUNT -> {
                counted.answer();
                end();
            }
            case DISCARD -> end();
        }
    }

    @Override
    public void onError(Throwable t) {
        drop("was cut off or too slow (" + t + ")");
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        drop("did not arrive within " + BODY_TIMEOUT_MILLIS + " ms");
    }

    @Override
    public void onError(AsyncEvent event) {
        drop("failed (" + event.getThrowable() + ")");
    }

    @Override
    public void onComplete(AsyncEvent event) {
        if (!finished) {
            finished = true;
            onDropped.run();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // Never started again.
    }

    /** The body stopped short: 408 unless an answer went out already, and the exchange ends. */
    private void drop(String why) {
        if (finished) {
            return;
        }
        body = null;
        onDropped.run();
        if (mode != Mode.DISCARD) {
            log.info("Dropped a request from {} whose body {}", request.getRemoteAddr(), why);
            try {
                if (!response.isCommitted()) {
                    SlackRequestFilter.reply(response, 408, "{\"error\":\"request body incomplete or too slow\"}");
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone: nobody to answer.
            }
        }
        end();
    }

    private void end() {
        finished = true;
        async.complete();
    }
}

package dev.scribe.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code /slack/events} before Bolt sees a request. Refuses other methods (405), bodies over the limit
 * (413, before reading them whole) and requests without Slack's headers or with a timestamp outside the
 * five-minute window (401, before reading their bodies). A body that has not arrived whole with the headers is read
 * with non-blocking I/O, so a client that sends slowly or not at all holds no thread, and within
 * {@link BodyReader#BODY_TIMEOUT_MILLIS}; it is buffered only
 * against a {@link BodyBudget} reserved from its declared length before the first byte is read (503 when the budget
 * is spent). Only then is the signature checked over the raw bytes (401), and Bolt gets the body decoded as UTF-8
 * (so the JVM's locale never matters), on at most {@link #MAX_CONCURRENT_HANDLERS} threads at once (503 beyond).
 * A signed request Bolt cannot parse gets 400 from {@link SlackEventsServlet}.
 */
public final class SlackRequestFilter implements Filter {

    /** Largest body accepted; Slack's own payloads are far smaller. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * How much of a refused body is read and thrown away after the answer. A client that writes its whole body
     * before reading the answer (Java's HttpClient does) otherwise meets a connection closed under its write and
     * never sees it; past this much, the connection is closed all the same.
     */
    static final int MAX_DISCARDED_BYTES = 8 * MAX_BODY_BYTES;

    /**
     * How much of a body refused for its headers (401) or for want of room (503) is read and dropped: all of any
     * body Slack sends, while a large unsigned one costs little before its connection is closed.
     */
    static final int MAX_DISCARDED_REFUSED_BYTES = (int) BodyBudget.SMALL_BODY_BYTES;

    /** Requests handed to Bolt at the same time; the rest of the server's threads stay free for {@code /healthz}. */
    static final int MAX_CONCURRENT_HANDLERS = 128;

    /** What a 503 asks the sender to wait, in seconds: by then every body now in flight has arrived or timed out. */
    static final String RETRY_AFTER_SECONDS = String.valueOf(BodyReader.BODY_TIMEOUT_MILLIS / 1000);

    private static final String BODY_ATTRIBUTE = SlackRequestFilter.class.getName() + ".body";
    private static final Logger log = LoggerFactory.getLogger(SlackRequestFilter.class);

    private final SignatureVerifier verifier;
    private final BodyBudget budget;
    private final Semaphore handlers = new Semaphore(MAX_CONCURRENT_HANDLERS);

    private final SlackRequestMetrics metrics;

    SlackRequestFilter(SignatureVerifier verifier, BodyBudget budget) {
        this(verifier, budget, SlackRequestMetrics.NONE);
    }

    SlackRequestFilter(SignatureVerifier verifier, BodyBudget budget, SlackRequestMetrics metrics) {
        this.verifier = verifier;
        this.budget = budget;
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            Object body = request.getAttribute(BODY_ATTRIBUTE);
            request.removeAttribute(BODY_ATTRIBUTE);
            if (body instanceof ReadBody read) {
                handOver(request, response, chain, read);
            }
            return;
        }
        if (!"POST".equals(request.getMethod())) {
            // The body is read and dropped too: left unread, Jetty may close the connection under a client that
            // already sent its next request on it (seen as "no bytes" by Java's HttpClient).
            answerThenDiscard(request, response, 405, "{\"error\":\"POST only\"}", MAX_DISCARDED_REFUSED_BYTES);
            return;
        }
        long declared = request.getContentLengthLong();
        boolean plausible = verifier.plausible(request.getHeader("X-Slack-Request-Timestamp"),
                request.getHeader("X-Slack-Signature"));
        if (declared > MAX_BODY_BYTES) {
            answerThenDiscard(request, response, 413, tooLarge(), MAX_DISCARDED_BYTES);
        } else if (!plausible && declared < 0) {
            // Without a length, only reading tells an oversized body (413) from an unsigned one (401); nothing is kept.
            discardThenAnswer(request, response);
        } else if (!plausible) {
            logRefused(request);
            answerThenDiscard(request, response, 401, invalid(), MAX_DISCARDED_REFUSED_BYTES);
        } else {
            Optional<BodyBudget.Reservation> reservation = budget.tryReserve(declared < 0 ? MAX_BODY_BYTES : declared);
            if (reservation.isEmpty()) {
                log.warn("Refused a request from {}: the {} bytes for bodies in flight are in use",
                        request.getRemoteAddr(), budget.totalBytes());
                response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
                answerThenDiscard(request, response, 503, busy(), MAX_DISCARDED_REFUSED_BYTES);
            } else {
                readBody(request, response, chain, reservation.get(), declared);
            }
        }
    }

    /** Second half, on the async dispatch once the whole body is in memory: signature, then Bolt. */
    private void handOver(HttpServletRequest request, HttpServletResponse response, FilterChain chain, ReadBody read)
            throws IOException, ServletException {
        try (BodyBudget.Reservation held = read.reservation()) {
            if (!verifier.verify(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"),
                    read.bytes())) {
                logRefused(request);
                reply(response, 401, invalid());
                return;
            }
            if (!handlers.tryAcquire()) {
                log.warn("Refused a signed request: {} requests are being handled already", MAX_CONCURRENT_HANDLERS);
                response.setHeader("Retry-After", "1");
                reply(response, 503, busy());
                return;
            }
            metrics.received();
            long handedOver = System.nanoTime();
            try {
                // A signed body Bolt cannot parse is answered 400 by SlackEventsServlet, which sees Bolt's exceptions.
                chain.doFilter(new BufferedBodyRequest(request, read.bytes()), response);
            } finally {
                handlers.release();
                metrics.answered(System.nanoTime() - handedOver);
            }
        }
    }

    private void readBody(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                          BodyBudget.Reservation reservation, long declared) throws IOException, ServletException {
        byte[] arrived = declared < 0 ? null : BodyReader.ifArrived(request, (int) declared);
        if (arrived != null) {
            // Slack's bodies are small and nearly always come in the packet of the headers: handled on this
            // thread at once, without the asynchronous read and the second dispatch (docs/performance.md).
            handOver(request, response, chain, new ReadBody(arrived, reservation));
            return;
        }
        BodyReader.keep(request, response, declared < 0 ? -1 : (int) declared,
                body -> request.setAttribute(BODY_ATTRIBUTE, new ReadBody(body, reservation)), reservation::close);
    }

    /** Answers at once, then reads and drops what the client still sends, up to {@code limit}, holding no thread. */
    private static void answerThenDiscard(HttpServletRequest request, HttpServletResponse response, int status, String json,
                                          long limit) throws IOException {
        reply(response, status, json);
        response.flushBuffer();
        BodyReader.discard(request, response, limit);
    }

    /** An unsigned body of unknown length: 413 once it passes the limit, 401 if it ends before; nothing is kept. */
    private static void discardThenAnswer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        BodyReader.count(request, response, () -> {
            logRefused(request);
            reply(response, 401, invalid());
        });
    }

    private static void logRefused(HttpServletRequest request) {
        log.info("Refused a request with a missing, wrong or stale signature from {}", request.getRemoteAddr());
    }

    static String tooLarge() {
        return "{\"error\":\"request body over " + MAX_BODY_BYTES + " bytes\"}";
    }

    private static String invalid() {
        return "{\"error\":\"invalid request\"}";
    }

    private static String busy() {
        return "{\"error\":\"busy, retry later\"}";
    }

    static void reply(HttpServletResponse response, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        // A length, so the answer is whole on the wire while the rest of a refused body is still being discarded.
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The body of a request this filter let through (read, signature checked); null for any other request. */
    static byte[] checkedBody(HttpServletRequest request) {
        return request instanceof BufferedBodyRequest buffered ? buffered.body : null;
    }

    /** The body as read, with the part of the budget it holds until Bolt is done with it. */
    private record ReadBody(byte[] bytes, BodyBudget.Reservation reservation) {
    }

    /** The request with its body already in memory, offered as bytes or as UTF-8 text. */
    private static final class BufferedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("the body is already in memory; read it synchronously");
                }
            };
        }
    }
}

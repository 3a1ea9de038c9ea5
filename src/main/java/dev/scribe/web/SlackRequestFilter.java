package dev.scribe.web;

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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards {@code /slack/events} before Bolt sees a request: refuses bodies over the limit with 413 before
 * reading them whole, refuses a bad or stale signature with 401, and hands Bolt the body already read
 * and decoded as UTF-8 (so the JVM's locale never matters). A request Bolt cannot parse gets 400.
 */
public final class SlackRequestFilter implements Filter {

    /** Largest body accepted; Slack's own payloads are far smaller. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /**
     * How much of a body over the limit is read and thrown away before the 413. A client that writes its whole
     * body before reading the answer (Java's HttpClient does) otherwise meets a connection closed under its write
     * and never sees the 413; past this much, the connection is closed all the same.
     */
    static final int MAX_DISCARDED_BYTES = 8 * MAX_BODY_BYTES;

    private static final Logger log = LoggerFactory.getLogger(SlackRequestFilter.class);

    private final SignatureVerifier verifier;

    public SlackRequestFilter(SignatureVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (!"POST".equals(request.getMethod())) {
            reply(response, 405, "{\"error\":\"POST only\"}");
            return;
        }
        byte[] body = request.getContentLengthLong() > MAX_BODY_BYTES ? null
                : readAtMost(request.getInputStream(), MAX_BODY_BYTES);
        if (body == null) {
            discard(request.getInputStream(), MAX_DISCARDED_BYTES);
            reply(response, 413, "{\"error\":\"request body over " + MAX_BODY_BYTES + " bytes\"}");
            return;
        }
        if (!verifier.verify(request.getHeader("X-Slack-Request-Timestamp"), request.getHeader("X-Slack-Signature"), body)) {
            log.info("Refused a request with a missing, wrong or stale signature from {}", request.getRemoteAddr());
            reply(response, 401, "{\"error\":\"invalid request\"}");
            return;
        }
        // A signed body Bolt cannot parse is answered 400 by SlackEventsServlet, which sees Bolt's exceptions.
        chain.doFilter(new BufferedBodyRequest(request, body), response);
    }

    /** Reads the stream, or returns null as soon as it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Reads and drops up to {@code limit} bytes, stopping at the end of the stream or when the client is gone. */
    private static void discard(InputStream in, int limit) {
        byte[] buffer = new byte[8192];
        long dropped = 0;
        int n;
        try {
            while (dropped < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - dropped))) != -1) {
                dropped += n;
            }
        } catch (IOException e) {
            // The client hung up while sending; the 413 goes out if the connection still takes it.
        }
    }

    private static void reply(HttpServletResponse response, int status, String json) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json);
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

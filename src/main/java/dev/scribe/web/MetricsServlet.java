package dev.scribe.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the figures in Prometheus' text format, behind a bearer token when one is set. Other methods
 * are answered 405 (HttpServlet's default for a method without a handler).
 */
final class MetricsServlet extends HttpServlet {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient Supplier<String> scrape;
    private final transient Optional<byte[]> expectedAuthorization;

    MetricsServlet(Supplier<String> scrape, Optional<String> token) {
        this.scrape = scrape;
        this.expectedAuthorization = token.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (expectedAuthorization.isPresent() && !authorized(req.getHeader("Authorization"))) {
            resp.setStatus(401);
            resp.setHeader("WWW-Authenticate", "Bearer realm=\"metrics\"");
            resp.setContentType("text/plain; charset=utf-8");
            resp.getWriter().write("401: /metrics needs the bearer token set in SCRIBE_METRICS_TOKEN\n");
            return;
        }
        byte[] body = scrape.get().getBytes(StandardCharsets.UTF_8);
        resp.setStatus(200);
        resp.setContentType(CONTENT_TYPE);
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private boolean authorized(String header) {
        // Constant time, so the answer's timing tells nothing about how much of a guessed token was right.
        return header != null
                && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), expectedAuthorization.get());
    }
}

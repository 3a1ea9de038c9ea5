package dev.scribe.web;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.scribe.outbox.OutboxHealth;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /healthz}: 200 when the database answers, 503 otherwise. With the outbox's figures: the posts waiting and
 * the oldest of them, and {@code "degraded": true} while a report cannot be posted somewhere until a person acts
 * (still 200: the bot works, and the report is kept).
 */
final class HealthServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HealthServlet.class);

    private final transient BooleanSupplier databaseAnswers;
    private final transient Supplier<OutboxHealth> outbox;

    /** {@code outbox} may be null: the answer then says nothing of it. */
    HealthServlet(BooleanSupplier databaseAnswers, Supplier<OutboxHealth> outbox) {
        this.databaseAnswers = databaseAnswers;
        this.outbox = outbox;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean healthy = databaseAnswers.getAsBoolean();
        JsonObject body = new JsonObject();
        body.addProperty("status", healthy ? "ok" : "database unavailable");
        if (healthy && outbox != null) {
            try {
                OutboxHealth health = outbox.get();
                body.addProperty("degraded", health.degraded());
                body.add("outbox", json(health));
            } catch (RuntimeException e) {
                // The database answered a moment ago; the figures are a nicety, the status is the answer.
                log.warn("Could not read the outbox for /healthz: {}", e.toString());
            }
        }
        resp.setStatus(healthy ? 200 : 503);
        resp.setContentType("application/json");
        resp.getWriter().write(body.toString());
    }

    private static JsonObject json(OutboxHealth health) {
        JsonObject o = new JsonObject();
        o.addProperty("pending_posts", health.pendingPosts());
        if (health.oldestPendingSince() == null) {
            o.add("oldest_pending_since", JsonNull.INSTANCE);
        } else {
            o.addProperty("oldest_pending_since", health.oldestPendingSince().toString());
        }
        o.addProperty("oldest_pending_age_seconds", health.oldestPendingAge().toSeconds());
        JsonArray parked = new JsonArray();
        for (OutboxHealth.ParkedChannel p : health.parked()) {
            JsonObject c = new JsonObject();
            c.addProperty("incident", p.report().incidentNumber());
            c.addProperty("channel", p.channelId());
            c.addProperty("error", p.error());
            c.addProperty("since", p.parkedAt().toString());
            c.addProperty("retry_with", "/incident repost " + p.report().incidentNumber());
            parked.add(c);
        }
        o.add("undeliverable", parked);
        return o;
    }
}

package dev.scribe.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/** {@code GET /healthz}: 200 when the database answers, 503 otherwise. */
final class HealthServlet extends HttpServlet {

    private final transient BooleanSupplier databaseAnswers;

    public HealthServlet(BooleanSupplier databaseAnswers) {
        this.databaseAnswers = databaseAnswers;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean healthy = databaseAnswers.getAsBoolean();
        resp.setStatus(healthy ? 200 : 503);
        resp.setContentType("application/json");
        resp.getWriter().write(healthy ? "{\"status\":\"ok\"}" : "{\"status\":\"database unavailable\"}");
    }
}

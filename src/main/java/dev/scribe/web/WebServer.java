package dev.scribe.web;

import com.slack.api.bolt.App;
import dev.scribe.outbox.OutboxHealth;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embedded Jetty serving {@code POST /slack/events} (Bolt, behind the guard filter), {@code GET /healthz} and the
 * incident pages ({@link IncidentPages}).
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    public static final String EVENTS_PATH = "/slack/events";
    public static final String HEALTH_PATH = "/healthz";
    public static final String METRICS_PATH = "/metrics";

    /** What {@code /metrics} serves, the token guarding it, and what the Slack edge reports to it. */
    public record Metrics(Supplier<String> scrape, Optional<String> token, SlackRequestMetrics slack) {
    }

    /** Threads serving HTTP: room for {@link SlackRequestFilter#MAX_CONCURRENT_HANDLERS} Bolt requests and the rest. */
    static final int MAX_THREADS = 200;

    /**
     * A connection with nothing arriving for this long is closed, whether it is between requests or inside one.
     * Bodies have their own, stricter, deadline ({@link BodyReader#BODY_TIMEOUT_MILLIS}).
     */
    static final long IDLE_TIMEOUT_MILLIS = 20_000;

    /** A request's headers must be whole this long after they began, however often a byte of them arrives. */
    static final Duration HEADERS_WITHIN = Duration.ofSeconds(10);

    /**
     * A connection must start its next request this long after the last; longer than the idle timeout, so only a
     * client that keeps sending blank lines (which the parser skips without starting a request) is closed by it.
     */
    static final Duration NEXT_REQUEST_WITHIN = Duration.ofMillis(IDLE_TIMEOUT_MILLIS).plusSeconds(10);

    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private final Server server;
    private final ServerConnector connector;
    private final HeaderDeadline headerDeadline;
    private final ScheduledExecutorService sweeper;

    /** Builds the server; {@code port} 0 picks a free port (tests). The optional verifier guards Slack requests. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers) {
        this(port, app, verifier, databaseAnswers, null);
    }

    /** As above, also serving the incident pages when {@code incidentPages} is not null. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers,
                     IncidentPages incidentPages) {
        this(port, app, verifier, databaseAnswers, incidentPages, null);
    }

    /** As above, also serving {@code /metrics} when {@code metrics} is not null. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers,
                     IncidentPages incidentPages, Metrics metrics) {
        this(port, app, verifier, databaseAnswers, incidentPages, metrics, null);
    }

    /** As above, {@code /healthz} also telling the outbox's figures when {@code outboxHealth} is not null. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers,
                     IncidentPages incidentPages, Metrics metrics, Supplier<OutboxHealth> outboxHealth) {
        this(port, app, DirectEvents.NONE, verifier, databaseAnswers, incidentPages, metrics, outboxHealth);
    }

    /** As above; {@code direct} handles the signed Slack requests it can without Bolt, Bolt the rest. */
    public WebServer(int port, App app, DirectEvents direct, SignatureVerifier verifier, BooleanSupplier databaseAnswers,
                     IncidentPages incidentPages, Metrics metrics, Supplier<OutboxHealth> outboxHealth) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("http");
        server = new Server(threads);
        server.setStopTimeout(10_000);
        // No minimum request data rate: Jetty measures it from a request's first byte, so a small body read a few
        // milliseconds late on a busy machine counted as a slow sender and its connection was closed. Bodies are read without holding a thread and must be
        // whole within BodyReader's deadline instead.
        HttpConfiguration http = new HttpConfiguration();
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MILLIS);
        server.addConnector(connector);
        headerDeadline = new HeaderDeadline(connector::getConnectedEndPoints, System::nanoTime,
                HEADERS_WITHIN, NEXT_REQUEST_WITHIN);
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "header-deadline");
            thread.setDaemon(true);
            return thread;
        });

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HealthServlet(databaseAnswers, outboxHealth)), HEALTH_PATH);
        if (app != null) {
            // Asynchronous, so that a body can be read without holding a thread (SlackRequestFilter).
            ServletHolder events = new ServletHolder(new SlackEventsServlet(app, direct));
            events.setAsyncSupported(true);
            context.addServlet(events, EVENTS_PATH);
            FilterHolder guard = new FilterHolder(new SlackRequestFilter(verifier, BodyBudget.forThisHeap(),
                    metrics == null ? SlackRequestMetrics.NONE : metrics.slack()));
            guard.setAsyncSupported(true);
            context.addFilter(guard, EVENTS_PATH, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        }
        if (metrics != null) {
            context.addServlet(new ServletHolder(new MetricsServlet(metrics.scrape(), metrics.token())), METRICS_PATH);
        }
        if (incidentPages != null) {
            incidentPages.addTo(context);
        }
        server.setHandler(context);
    }

    /** Starts listening. */
    public void start() throws Exception {
        server.start();
        sweeper.scheduleWithFixedDelay(this::sweepHeaders, SWEEP_EVERY.toMillis(), SWEEP_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void sweepHeaders() {
        try {
            headerDeadline.sweep();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again; one bad sweep must not end the deadline.
            LOG.warn("Could not check request header deadlines", e);
        }
    }


    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops taking requests and lets those in flight finish (up to the stop timeout). */
    @Override
    public void close() throws Exception {
        sweeper.shutdownNow();
        server.stop();
    }
}

package dev.scribe.web;

import com.slack.api.bolt.App;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** Embedded Jetty serving {@code POST /slack/events} (Bolt, behind the guard filter) and {@code GET /healthz}. */
public final class WebServer implements AutoCloseable {

    public static final String EVENTS_PATH = "/slack/events";
    public static final String HEALTH_PATH = "/healthz";

    /** Threads serving HTTP: room for {@link SlackRequestFilter#MAX_CONCURRENT_HANDLERS} Bolt requests and the rest. */
    static final int MAX_THREADS = 200;

    /**
     * A connection with nothing arriving for this long is closed, whether it is between requests or inside one.
     * Bodies have their own, stricter, deadline ({@link BodyReader#BODY_TIMEOUT_MILLIS}).
     */
    static final long IDLE_TIMEOUT_MILLIS = 20_000;


    private final Server server;
    private final ServerConnector connector;

    /** Builds the server; {@code port} 0 picks a free port (tests). The optional verifier guards Slack requests. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers) {
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

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HealthServlet(databaseAnswers)), HEALTH_PATH);
        if (app != null) {
            // Asynchronous, so that a body can be read without holding a thread (SlackRequestFilter).
            ServletHolder events = new ServletHolder(new SlackEventsServlet(app));
            events.setAsyncSupported(true);
            context.addServlet(events, EVENTS_PATH);
            FilterHolder guard = new FilterHolder(new SlackRequestFilter(verifier, BodyBudget.forThisHeap()));
            guard.setAsyncSupported(true);
            context.addFilter(guard, EVENTS_PATH, EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
        }
        server.setHandler(context);
    }

    /** Starts listening. */
    public void start() throws Exception {
        server.start();
    }

    /** The port actually bound. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops taking requests and lets those in flight finish (up to the stop timeout). */
    @Override
    public void close() throws Exception {
        server.stop();
    }
}

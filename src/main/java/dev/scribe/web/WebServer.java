package dev.scribe.web;

import com.slack.api.bolt.App;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty serving {@code POST /slack/events} (Bolt, behind the guard filter) and {@code GET /healthz}. */
public final class WebServer implements AutoCloseable {

    public static final String EVENTS_PATH = "/slack/events";
    public static final String HEALTH_PATH = "/healthz";

    private final Server server;
    private final ServerConnector connector;

    /** Builds the server; {@code port} 0 picks a free port (tests). The optional verifier guards Slack requests. */
    public WebServer(int port, App app, SignatureVerifier verifier, BooleanSupplier databaseAnswers) {
        server = new Server();
        server.setStopTimeout(10_000);
        connector = new ServerConnector(server);
        connector.setPort(port);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new HealthServlet(databaseAnswers)), HEALTH_PATH);
        if (app != null) {
            context.addServlet(new ServletHolder(new SlackEventsServlet(app)), EVENTS_PATH);
            context.addFilter(new FilterHolder(new SlackRequestFilter(verifier)), EVENTS_PATH,
                    EnumSet.of(DispatcherType.REQUEST));
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

package dev.scribe.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import dev.scribe.logging.LogSafe;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket Mode: the same Bolt {@link App} and listeners, fed over a WebSocket the bot opens to Slack instead
 * of HTTP requests Slack sends. The first connection is made in the background and retried with backoff, so
 * the bot starts (and {@code /healthz} answers) while Slack is unreachable; after that, Slack's client
 * reconnects by itself when the socket drops, asking {@code apps.connections.open} for a new URL.
 */
public final class SocketModeConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SocketModeConnection.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofMinutes(1);

    private final SocketModeApp socketApp;
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scribe-socket-mode");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;
    private volatile Runnable connected = () -> { };

    /** Prepares the connection; nothing is sent to Slack until {@link #start()}. */
    public SocketModeConnection(App app, String appToken) throws IOException {
        // Java-WebSocket, not the default Tyrus: it is the backend that resolves on our build (see the README).
        this.socketApp = new SocketModeApp(appToken, SocketModeClient.Backend.JavaWebSocket,
                SocketModeConnection::unacknowledged, app);
    }

    /**
     * A request that failed is left unacknowledged (no answer on the socket), so Slack delivers it again; above all
     * an event that could not be stored ({@link EventNotStoredException}).
     */
    private static com.slack.api.bolt.response.Response unacknowledged(SocketModeApp.ErrorContext failure) {
        Exception e = failure.getException();
        if (e instanceof EventNotStoredException) {
            log.warn("{} ({}); not acknowledged", e.getMessage(), LogSafe.text(String.valueOf(e.getCause())));
        } else {
            log.error("Could not handle a Slack request over Socket Mode: {}; not acknowledged",
                    LogSafe.text(String.valueOf(e)));
            log.debug("Stack trace of the failed Socket Mode request", e);
        }
        return null;
    }

    /**
     * Runs {@code action} each time the socket is connected, the first time and after every reconnect (Slack says
     * {@code hello} on each new connection): events sent while it was down may be lost. Set before {@link #start()}.
     */
    public void whenConnected(Runnable action) {
        this.connected = action;
    }

    /** Connects in the background, retrying until it succeeds or the bot stops. */
    public void start() {
        connector.execute(() -> connect(FIRST_RETRY));
    }

    private void connect(Duration nextWait) {
        if (closed) {
            return;
        }
        try {
            socketApp.startAsync();
            if (socketApp.getClient() == null) {
                throw new IOException("no Socket Mode client (apps.connections.open failed)");
            }
            log.info("Connected to Slack over Socket Mode");
            // The client keeps its listeners across the reconnects it makes by itself. This first connection's
            // hello may have come before the listener: say it here too (a second word of it changes nothing).
            socketApp.getClient().addWebSocketMessageListener(message -> {
                if (message != null && message.contains("\"type\":\"hello\"")) {
                    connected.run();
                }
            });
            connected.run();
        } catch (Exception e) {
            log.warn("Could not connect to Slack over Socket Mode ({}); trying again in {} s", e.getMessage(),
                    nextWait.toSeconds());
            Duration after = nextWait.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : nextWait.multipliedBy(2);
            if (!closed) {
                connector.schedule(() -> connect(after), nextWait.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Disconnects; events Slack sends meanwhile go to the next connection (or are retried by Slack). */
    @Override
    public void close() {
        closed = true;
        connector.shutdownNow();
        try {
            socketApp.close();
        } catch (Exception e) {
            log.warn("Error while closing the Socket Mode connection: {}", e.getMessage());
        }
    }
}

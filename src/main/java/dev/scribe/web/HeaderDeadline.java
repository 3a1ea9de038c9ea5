package dev.scribe.web;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes connections whose request headers take too long to arrive.
 *
 * <p>Jetty's idle timeout is reset by every byte, and it has no deadline for reading a request's headers, so a
 * client sending a header byte every few seconds could hold a connection for ever. Bodies have their own deadline
 * ({@link BodyReader}); this is the one for what comes before them. A periodic {@link #sweep} looks at the parser of
 * every open connection: one still reading the same request's headers after {@code headersWithin} is closed, and so
 * is one that has waited for its next request longer than {@code nextRequestWithin} (only a client that keeps
 * sending blank lines gets that far: a silent connection is closed by the idle timeout first).
 */
final class HeaderDeadline {

    /** Where a connection's current request is, as far as this deadline cares. */
    private enum Phase { WAITING, HEADERS }

    /** The phase a connection was first seen in, for which request (Jetty's count of requests in), and when. */
    private record Seen(Phase phase, long requestsIn, long sinceNanos) {}

    private final Supplier<Collection<EndPoint>> endPoints;
    private final LongSupplier nanoTime;
    private final long headersWithinNanos;
    private final long nextRequestWithinNanos;
    private Map<Connection, Seen> seen = new HashMap<>();
    private long closed;

    HeaderDeadline(Supplier<Collection<EndPoint>> endPoints, LongSupplier nanoTime,
                   Duration headersWithin, Duration nextRequestWithin) {
        this.endPoints = endPoints;
        this.nanoTime = nanoTime;
        this.headersWithinNanos = headersWithin.toNanos();
        this.nextRequestWithinNanos = nextRequestWithin.toNanos();
    }

    /**
     * Looks at every open connection once and closes those past their deadline. Runs on one thread at a time (the
     * scheduler's); a connection is only ever closed here, never written to, so racing Jetty's own threads is safe.
     */
    synchronized void sweep() {
        long now = nanoTime.getAsLong();
        Map<Connection, Seen> next = new HashMap<>();
        for (EndPoint endPoint : endPoints.get()) {
            if (!(endPoint.getConnection() instanceof HttpConnection connection)) {
                continue;
            }
            Phase phase = phaseOf(connection.getParser());
            if (phase == null) {
                continue; // reading a body or being answered: BodyReader's deadline and the handler's own apply
            }
            long requestsIn = connection.getMessagesIn();
            Seen before = seen.get(connection);
            Seen now_ = before != null && before.phase() == phase && before.requestsIn() == requestsIn
                    ? before
                    : new Seen(phase, requestsIn, now);
            long allowed = phase == Phase.HEADERS ? headersWithinNanos : nextRequestWithinNanos;
            if (now - now_.sinceNanos() > allowed) {
                closed++;
                endPoint.close(new TimeoutException(phase == Phase.HEADERS
                        ? "request headers not complete within " + Duration.ofNanos(headersWithinNanos)
                        : "no request within " + Duration.ofNanos(nextRequestWithinNanos)));
            } else {
                next.put(connection, now_);
            }
        }
        seen = next;
    }

    /** Connections closed by this deadline so far. */
    synchronized long closedSoFar() {
        return closed;
    }

    private static Phase phaseOf(HttpParser parser) {
        if (parser.isStart()) {
            return Phase.WAITING;
        }
        if (parser.inHeaderState()) {
            return Phase.HEADERS;
        }
        return null;
    }
}

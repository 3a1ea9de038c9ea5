package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The header deadline against a real Jetty connector and real sockets, on a clock the test moves: headers that
 * dribble in are cut off at the deadline however often a byte arrives, blank lines do not keep a connection for
 * ever, and neither a body being read nor a quick series of requests on one connection is touched.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HeaderDeadlineTest {

    private static final Duration HEADERS_WITHIN = Duration.ofSeconds(10);
    private static final Duration NEXT_REQUEST_WITHIN = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();
    private Server server;
    private ServerConnector connector;
    private HeaderDeadline deadline;

    @BeforeEach
    void startServer() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setPort(0);
        connector.setIdleTimeout(Duration.ofMinutes(5).toMillis()); // only the deadline under test closes anything
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                response.write(true, null, callback);
                return true;
            }
        });
        server.start();
        deadline = new HeaderDeadline(connector::getConnectedEndPoints, nanos::get, HEADERS_WITHIN, NEXT_REQUEST_WITHIN);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void headersDribbledInAreCutOffAtTheDeadline() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nX-Slow: ");
            awaitParser(HttpParser::inHeaderState, parser -> !parser.isStart());
            deadline.sweep();
            for (int second = 1; second <= 10; second++) {
                advance(Duration.ofSeconds(1));
                send(socket, "a"); // a byte every second: the idle timeout would never fire
                deadline.sweep();
                assertEquals(1, openConnections(), "still inside the deadline after " + second + " s");
            }
            advance(Duration.ofMillis(1));
            deadline.sweep();
            assertClosedByServer(socket);
            assertEquals(1, deadline.closedSoFar());
        }
    }

    @Test
    void blankLinesDoNotKeepAConnectionForEver() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "\r\n");
            awaitReadByServer();
            deadline.sweep();
            advance(NEXT_REQUEST_WITHIN);
            send(socket, "\r\n");
            deadline.sweep();
            assertEquals(1, openConnections(), "exactly at the deadline is still inside it");
            advance(Duration.ofMillis(1));
            deadline.sweep();
            assertClosedByServer(socket);
        }
    }

    @Test
    void aBodyBeingReadIsLeftToTheBodyDeadline() throws Exception {
        try (Socket socket = connect()) {
            send(socket, "POST /slack/events HTTP/1.1\r\nHost: localhost\r\nContent-Length: 10\r\n\r\nx");
            awaitParser(parser -> !parser.inHeaderState());
            deadline.sweep();
            advance(Duration.ofMinutes(10));
            deadline.sweep();
            assertEquals(1, openConnections());
            assertEquals(0, deadline.closedSoFar());
        }
    }

    @Test
    void eachRequestOnAConnectionHasItsOwnDeadline() throws Exception {
        try (Socket socket = connect()) {
            for (int request = 0; request < 3; request++) {
                send(socket, "GET /healthz HTTP/1.1\r\nHost: ");
                awaitParser(HttpParser::inHeaderState, parser -> !parser.isStart());
                deadline.sweep();
                advance(Duration.ofSeconds(9));
                deadline.sweep();
                send(socket, "localhost\r\n\r\n");
                assertTrue(readStatusLine(socket).startsWith("HTTP/1.1 200"), "request " + request + " answered");
                // No sweep between requests: the next one's headers are told apart by Jetty's count of requests.
            }
            assertEquals(1, openConnections(), "27 s of headers, none over its own request's deadline");
            assertEquals(0, deadline.closedSoFar());
        }
    }

    private Socket connect() throws IOException, InterruptedException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", connector.getLocalPort()), 5_000);
        socket.setSoTimeout(5_000);
        await(() -> openConnections() == 1, "the server accepted the connection");
        return socket;
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private int openConnections() {
        return connector.getConnectedEndPoints().size();
    }

    @SafeVarargs
    private void awaitParser(Predicate<HttpParser>... conditions) throws InterruptedException {
        await(() -> {
            for (EndPoint endPoint : connector.getConnectedEndPoints()) {
                if (endPoint.getConnection() instanceof HttpConnection http) {
                    boolean all = true;
                    for (Predicate<HttpParser> condition : conditions) {
                        all &= condition.test(http.getParser());
                    }
                    return all;
                }
            }
            return false;
        }, "the server's parser reached the state the test needs");
    }

    private void awaitReadByServer() throws InterruptedException {
        await(() -> connector.getConnectedEndPoints().stream()
                .anyMatch(endPoint -> endPoint.getConnection() instanceof HttpConnection http && http.getBytesIn() > 0),
                "the server read the bytes sent");
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static String readStatusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        // Reads the whole (small, fixed) answer so that the next request starts on a clean stream.
        while (true) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            line.append((char) b);
            if (line.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        return line.toString();
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        try {
            assertEquals(-1, socket.getInputStream().read(), "the server closed the connection");
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection is still open 5 s after the deadline", e);
        } catch (IOException reset) {
            // A reset is a close too.
        }
    }
}

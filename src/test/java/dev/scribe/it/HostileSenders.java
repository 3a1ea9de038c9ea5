package dev.scribe.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Raw sockets to the bot on 127.0.0.1 that never finish their requests: they send the headers of a
 * {@code POST /slack/events} (with forged Slack headers, or none) and then as little of the body as the test says.
 * Closed together by {@link #close}.
 */
final class HostileSenders implements AutoCloseable {

    private final int port;
    private final List<Socket> sockets = new ArrayList<>();

    HostileSenders(int port) {
        this.port = port;
    }

    /**
     * Opens a connection and sends headers declaring {@code declaredLength} bytes; {@code forgedHeaders} adds a
     * timestamp of now and a signature of Slack's shape (but wrong), which only the body can disprove.
     */
    Socket open(long declaredLength, boolean forgedHeaders) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(1_000);
        StringBuilder head = new StringBuilder()
                .append("POST /slack/events HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(declaredLength).append("\r\n");
        if (forgedHeaders) {
            head.append("X-Slack-Request-Timestamp: ").append(System.currentTimeMillis() / 1000).append("\r\n")
                    .append("X-Slack-Signature: v0=").append("0".repeat(64)).append("\r\n");
        }
        head.append("\r\n");
        socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Opens a connection and sends the start of a request's headers, stopping inside a header line. */
    Socket openInsideHeaders() throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(1_000);
        String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Slack-Signature: v0=";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * How many sockets the bot has closed without answering (end of stream or a reset), waiting at most
     * {@code waitMillis} on each; a socket that receives bytes instead is not counted.
     */
    int closedByTheBot(int waitMillis) {
        int count = 0;
        for (Socket socket : sockets) {
            try {
                socket.setSoTimeout(waitMillis);
                if (socket.getInputStream().read() < 0) {
                    count++;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                // Not closed within the wait.
            } catch (IOException reset) {
                count++;
            }
        }
        return count;
    }

    /** Writes to every socket still open; one the bot has closed is skipped from then on. Returns how many took it. */
    int sendToEach(byte[] bytes) {
        int took = 0;
        for (Socket socket : sockets) {
            if (socket.isClosed()) {
                continue;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(bytes);
                out.flush();
                took++;
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
        return took;
    }

    /** How many sockets hold an answer starting with {@code statusLine}, waiting at most {@code waitMillis} on each. */
    int answered(String statusLine, int waitMillis) {
        int count = 0;
        byte[] expected = statusLine.getBytes(StandardCharsets.US_ASCII);
        for (Socket socket : sockets) {
            if (socket.isClosed()) {
                continue;
            }
            try {
                socket.setSoTimeout(waitMillis);
                InputStream in = socket.getInputStream();
                byte[] got = in.readNBytes(expected.length);
                if (java.util.Arrays.equals(expected, got)) {
                    count++;
                }
            } catch (IOException e) {
                // No answer within the socket timeout, or the connection is gone: not counted.
            }
        }
        return count;
    }

    int size() {
        return sockets.size();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is wanted.
        }
    }

    @Override
    public void close() {
        sockets.forEach(HostileSenders::closeQuietly);
    }
}

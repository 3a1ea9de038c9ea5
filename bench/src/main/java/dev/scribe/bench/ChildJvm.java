package dev.scribe.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A server JVM started by the benchmark: its process, its log file, and how to wait for it and stop it. */
final class ChildJvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ChildJvm(String name, Process process, Path log, long startedNanos) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /**
     * Starts {@code command} in {@code directory} with only the given settings in its environment on top of
     * the basics (PATH, HOME, LANG...): no SLACK_* or SCRIBE_* of the person running the benchmark leaks in.
     */
    static ChildJvm start(String name, List<String> command, Path directory, Map<String, String> env) throws IOException {
        Files.createDirectories(directory);
        Path log = directory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SLACK_") || k.startsWith("SCRIBE_"));
        builder.environment().putAll(env);
        long started = System.nanoTime();
        return new ChildJvm(name, builder.start(), log, started);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /**
     * Polls {@code GET path} every 5 ms until it answers {@code expectedStatus} (any status when 0) and returns
     * the milliseconds since the process was started.
     */
    double awaitHttp(int port, String path, int expectedStatus) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with status " + process.exitValue() + " before answering; see " + log);
            }
            int status = get(port, path);
            if (status > 0 && (expectedStatus == 0 || status == expectedStatus)) {
                return (System.nanoTime() - startedNanos) / 1e6;
            }
            Thread.sleep(5);
        }
        throw new IOException(name + " did not answer " + path + " within 60 s; see " + log);
    }

    /** The status of a plain GET, or -1 when nothing answers yet. */
    private static int get(int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            return head.length == 12 ? Integer.parseInt(new String(head, 9, 3, StandardCharsets.US_ASCII)) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** A port that was free a moment ago (the child binds it next). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Asks the JVM to stop (SIGTERM: the bot's shutdown hook closes the database cleanly) and waits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** Waits for a JVM that ends by itself (the close benchmark) and returns its exit status. */
    int waitFor(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            return -1;
        }
        return process.exitValue();
    }
}

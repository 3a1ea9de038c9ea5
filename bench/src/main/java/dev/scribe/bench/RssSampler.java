package dev.scribe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples a process's resident set size ({@code VmRSS} in {@code /proc/<pid>/status}) every 20 ms and keeps the
 * highest value seen since the last {@link #reset()}: the peak during one phase, not since the JVM started.
 */
final class RssSampler implements AutoCloseable {

    private final Path status;
    private final Thread thread;
    private volatile long peakKb;
    private volatile boolean running = true;

    RssSampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.thread = new Thread(this::loop, "rss-" + pid);
        thread.setDaemon(true);
        thread.start();
    }

    /** A sampler of this JVM itself. */
    static RssSampler self() {
        return new RssSampler(ProcessHandle.current().pid());
    }

    /** Starts a new phase: forgets the peak so far (and takes one sample now). */
    void reset() {
        peakKb = 0;
        sample();
    }

    /** The highest RSS seen since the last reset, in MiB. */
    double peakMiB() {
        sample();
        return peakKb / 1024.0;
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        long kb = readKb(status, "VmRSS:");
        if (kb > peakKb) {
            peakKb = kb;
        }
    }

    /** A {@code kB} field of a {@code /proc/<pid>/status} file; 0 once the process is gone. */
    static long readKb(Path status, String field) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

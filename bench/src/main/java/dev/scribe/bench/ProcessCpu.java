package dev.scribe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time so far (user plus system), from {@code /proc/<pid>/stat}; Linux only, as the benchmark. */
final class ProcessCpu {

    /** {@code getconf CLK_TCK} on every Linux this runs on; /proc counts CPU time in these ticks. */
    static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU the process used, all its threads; 0 when it cannot be read. */
    static long nanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}

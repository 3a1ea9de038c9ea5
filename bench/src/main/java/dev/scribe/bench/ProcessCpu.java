package dev.scribe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's CPU time so far (user plus system), from {@code /proc/<pid>/stat}; Linux only, as the benchmark. */
final class ProcessCpu {

    /** {@code getconf CLK_TCK} on every Linux this runs on; /proc counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Nanoseconds of CPU the process used, all its threads; 0 when it cannot be read. */
    static long nanos(long pid) {
        try {
            return nanos(Files.readString(Path.of("/proc", Long.toString(pid), "stat")), 14);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Nanoseconds of CPU of the children a process waited for ({@code cutime}, {@code cstime}), from the text of its
     * {@code /proc/<pid>/stat}: what {@code time} reports of a command a shell ran.
     */
    static long waitedForChildrenNanos(String stat) {
        return nanos(stat, 16);
    }

    /** The user and system ticks in fields {@code field} and {@code field + 1} (numbered from 1, as in proc(5)). */
    private static long nanos(String stat, int field) {
        // The command name (field 2) may hold spaces: count fields after its closing parenthesis (field 3 is [0]).
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[field - 3]) + Long.parseLong(fields[field - 2]);
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }
}

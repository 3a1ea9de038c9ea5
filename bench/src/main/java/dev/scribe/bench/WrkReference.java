package dev.scribe.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yardstick for the load generator's own cost: Debian's {@code wrk} (C, one thread, {@code epoll}) replaying one
 * pre-signed event to the bare Bolt baseline, the way issue 18 measured it. Bare Bolt does not deduplicate, so the
 * same request can be sent again and again; the bot would drop repeats, which is why only the baseline is driven.
 * What {@code wrk} spends per request is what any generator spends on a loopback connection (the kernel's TCP
 * send, which also delivers into the server's socket, and the wake-up for the answer): {@link SelectorSenders}
 * is honest when it spends no more than that. {@code wrk}'s CPU is read from the shell that waited for it
 * ({@code cutime}, {@code cstime} in {@code /proc/<shell>/stat}), as {@code time} would.
 */
final class WrkReference {

    /** How long one {@code wrk} run lasts; one run per level and round, after the generator's phase on the baseline. */
    static final int SECONDS = 4;
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    /** One {@code wrk} run: requests answered, of which not 2xx, and both processes' CPU per request. */
    record Run(long requests, long non2xx, double wrkMicrosPerRequest, double serverMicrosPerRequest) {
    }

    private WrkReference() {
    }

    /** True when {@code wrk} is on the PATH; the report says how to install it when it is not. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs {@code wrk} with {@code connections} connections for {@link #SECONDS} against the baseline on {@code port},
     * replaying {@code request} (one complete pre-signed HTTP request, signed just before).
     */
    static Run run(int port, long serverPid, byte[] request, int connections, Path work)
            throws IOException, InterruptedException {
        Path requestFile = work.resolve("wrk-request.bin");
        Files.write(requestFile, request);
        Path script = work.resolve("wrk-replay.lua");
        // wrk sends whatever request() returns as-is: the request line, the signed headers and the body.
        Files.writeString(script, "local f = assert(io.open(\"" + requestFile + "\", \"rb\"))\n"
                + "local raw = f:read(\"*a\")\nf:close()\nrequest = function() return raw end\n");
        Path output = work.resolve("wrk-output.txt");
        String command = String.format(Locale.ROOT,
                "wrk -t1 -c%d -d%ds -s '%s' http://127.0.0.1:%d/slack/events > '%s' 2>&1 && cat /proc/$$/stat",
                connections, SECONDS, script, port, output);
        long serverCpu = ProcessCpu.nanos(serverPid);
        Process shell = new ProcessBuilder("bash", "-c", command).start();
        String shellStat = new String(shell.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        int status = shell.waitFor();
        serverCpu = ProcessCpu.nanos(serverPid) - serverCpu;
        String printed = Files.readString(output);
        Matcher requests = REQUESTS.matcher(printed);
        if (status != 0 || !requests.find()) {
            throw new IOException("wrk failed (exit " + status + "): " + printed.strip());
        }
        long count = Long.parseLong(requests.group(1));
        Matcher non2xx = NON_2XX.matcher(printed);
        long bad = non2xx.find() ? Long.parseLong(non2xx.group(1)) : 0;
        // The shell's waited-for children: wrk alone.
        double wrkNanos = ProcessCpu.waitedForChildrenNanos(shellStat);
        return new Run(count, bad, wrkNanos / 1e3 / Math.max(1, count), serverCpu / 1e3 / Math.max(1, count));
    }
}

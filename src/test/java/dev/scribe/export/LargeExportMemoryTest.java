package dev.scribe.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace of 300,000 users (a 94 MB users.json) makes a report in a JVM of 128 MB of heap: users.json is
 * streamed and only each user's id and name are kept. Reading it whole took 984 MB.
 */
class LargeExportMemoryTest {

    static final int USERS = 300_000;
    static final String HEAP = System.getProperty("scribe.largeExportHeap", "128m");

    @TempDir
    Path dir;

    @Test
    void aUsersFileOf300000UsersFitsIn128MegabytesOfHeap() throws IOException, InterruptedException {
        Path export = HostileExports.folder(dir.resolve("export"), HostileExports.channels(HostileExports.CHANNEL, "x"),
                "[]", Map.of(HostileExports.CHANNEL + "/2025-03-18.json", HostileExports.day(
                        HostileExports.message("1742289180.000102", "U0000299998", "Queue depth is climbing"),
                        HostileExports.message("1742290800.000200", "U0000000007", "Rolled back"))));
        HostileExports.writeUsers(export.resolve("users.json"), USERS);
        long size = Files.size(export.resolve("users.json"));
        assertTrue(size > 90_000_000 && size < 100_000_000, "about 94 MB: " + size);

        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        // --commander makes it read users.json a second time, to find the name.
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "dev.scribe.Main",
                "report", "--export", export.toString(), "--channel", HostileExports.CHANNEL, "--commander", "user299999")
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(java.waitFor(120, TimeUnit.SECONDS), "finishes");
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, java.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        assertTrue(stdout.contains("user299998") && stdout.contains("user7") && stdout.contains("user299999"),
                "names from the last and the first users: " + stdout);
        assertTrue(List.of(stdout.split("\n")).size() > 5, stdout);
    }
}

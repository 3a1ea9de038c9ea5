package dev.scribe.export;

import static dev.scribe.export.ReportRun.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} on the sample export under examples/, and on exports that are broken in the usual ways. */
class ReportCommandTest {

    static final Path SAMPLE = Path.of("examples/slack-export");
    static final Path EXPECTED = Path.of("src/test/resources/export/payments-ops.md");
    static final List<String> SAMPLE_ARGS = List.of("--channel", "payments-ops", "--from", "2025-03-18 08:45",
            "--to", "2025-03-19 09:00", "--title", "Card payments stuck in the settlement queue", "--commander", "maya");

    @TempDir
    Path dir;

    static ReportRun run(List<String> args, Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.report(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new ReportRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static List<String> args(Path export, List<String> more) {
        List<String> all = new ArrayList<>(List.of("--export", export.toString()));
        all.addAll(more);
        return all;
    }

    @Test
    void sampleExportGivesTheExpectedReport() throws IOException {
        ReportRun r = run(args(SAMPLE, SAMPLE_ARGS), Map.of());
        assertEquals(0, r.exit(), r.err());
        if (Boolean.getBoolean("scribe.regenerate")) {
            Files.writeString(EXPECTED, r.out(), StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(EXPECTED, StandardCharsets.UTF_8), r.out());
        assertFalse(r.out().contains("PagerBot") || r.out().contains("FIRING"), "bot messages are not recorded");
        assertFalse(r.out().contains("has joined"), "joins are not recorded");
        assertFalse(r.out().contains("Standup") || r.out().contains("password rotation"), "outside --from/--to");
        assertFalse(r.out().contains("Lunch"), "other channels are not read");
    }

    @Test
    void aZippedExportWithATopFolderReadsTheSame() throws IOException {
        Path zip = dir.resolve("export.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry("Acme Slack export Mar 18 2025/" + SAMPLE.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        ReportRun r = run(args(zip, SAMPLE_ARGS), Map.of());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(EXPECTED, StandardCharsets.UTF_8), r.out());
    }

    @Test
    void outWritesTheFileAndSaysWhere() throws IOException {
        Path target = dir.resolve("rca.md");
        List<String> a = new ArrayList<>(args(SAMPLE, SAMPLE_ARGS));
        a.addAll(List.of("--out", target.toString()));
        ReportRun r = run(a, Map.of());
        assertEquals(0, r.exit(), r.err());
        assertEquals(Files.readString(EXPECTED, StandardCharsets.UTF_8), Files.readString(target, StandardCharsets.UTF_8));
        assertTrue(r.out().startsWith("Wrote " + target), r.out());
    }

    @Test
    void timezoneAndReactionSettingsApplyAsTheyDoToTheBot() {
        // Instants, so the range does not move with the zone; boom=none takes the trigger emoji away.
        ReportRun r = run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "2025-03-18T08:45:00Z",
                "--to", "2025-03-19T09:00:00Z")), Map.of("SCRIBE_TIMEZONE", "America/New_York", "SCRIBE_REACTIONS", "boom=none"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("| Detected | 2025-03-18 05:13 EDT | marked |"), r.out());
        assertTrue(r.out().contains("| Triggered | - | no trigger marked |"), r.out());
        assertTrue(r.out().startsWith("# Incident 1: Payments team: deploys, alerts, on-call\n"), "title from the purpose");
        // A local time means SCRIBE_TIMEZONE's: 08:45 in New York is 12:45 UTC, after the incident.
        ReportRun local = run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "2025-03-18 08:45",
                "--to", "2025-03-18 23:00")), Map.of("SCRIBE_TIMEZONE", "America/New_York"));
        assertEquals(2, local.exit(), local.out());
    }

    @Test
    void withoutCommanderTheFirstPersonWhoWroteInTheRangeIsTheCommander() {
        // From 08:45 the first message is Tom's at 08:55 (Raj's at 08:30 is before the range; the pager is a bot).
        ReportRun r = run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "2025-03-18 08:45",
                "--to", "2025-03-19 09:00")), Map.of());
        assertEquals(0, r.exit(), r.err());
        assertTrue(IncidentSummary.of(r.out()).contains("| Commander | @Tom Okafor |"), r.out());
        ReportRun earlier = run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "2025-03-18 08:00",
                "--to", "2025-03-19 09:00")), Map.of());
        assertEquals(0, earlier.exit(), earlier.err());
        assertTrue(IncidentSummary.of(earlier.out()).contains("| Commander | @raj |"), earlier.out());
    }

    /** The Markdown's Summary table, where the commander is named (a timeline row could name them too). */
    private static final class IncidentSummary {
        static String of(String markdown) {
            int start = markdown.indexOf("## Summary\n");
            assertTrue(start >= 0, markdown);
            int end = markdown.indexOf("\n## ", start + 1);
            return markdown.substring(start, end < 0 ? markdown.length() : end);
        }
    }

    @Test
    void helpExplainsTheOptions() {
        ReportRun r = run(List.of("--help"), Map.of());
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("--export") && r.out().contains("--channel") && r.out().contains("--from"), r.out());
    }

    @Test
    void brokenExportsAndBadArgumentsAreOneLineAndExit2() throws IOException {
        Path noUsers = copySample("no-users");
        Files.delete(noUsers.resolve("users.json"));
        assertFails(run(args(noUsers, SAMPLE_ARGS), Map.of()), "the export has no users.json");

        Path noChannels = copySample("no-channels");
        Files.delete(noChannels.resolve("channels.json"));
        assertFails(run(args(noChannels, SAMPLE_ARGS), Map.of()), "the export has no channels.json");

        Path brokenDay = copySample("broken-day");
        Files.writeString(brokenDay.resolve("payments-ops/2025-03-18.json"), "[{\"type\":\"message\",\"ts\":");
        assertFails(run(args(brokenDay, SAMPLE_ARGS), Map.of()), "payments-ops/2025-03-18.json is not valid JSON");

        assertFails(run(args(SAMPLE, List.of("--channel", "incidents")), Map.of()),
                "the export has no channel 'incidents'; it has #general, #payments-ops");
        assertFails(run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "yesterday")), Map.of()),
                "--from 'yesterday' is not a time; use YYYY-MM-DD");
        assertFails(run(args(SAMPLE, List.of("--channel", "payments-ops", "--from", "2030-01-01")), Map.of()),
                "#payments-ops has no messages from people in that time range");
        assertFails(run(args(SAMPLE, List.of("--channel", "payments-ops", "--colour", "red")), Map.of()),
                "unknown option '--colour'");
        assertFails(run(List.of("--channel", "payments-ops"), Map.of()), "--export is required");
        assertFails(run(args(SAMPLE, List.of("--channel")), Map.of()), "--channel needs a value");
        assertFails(run(args(dir.resolve("missing.zip"), SAMPLE_ARGS), Map.of()), "no export at");
        Path notZip = dir.resolve("export.zip");
        Files.writeString(notZip, "this is not a zip");
        assertFails(run(args(notZip, SAMPLE_ARGS), Map.of()), "is neither a folder nor a readable zip");
        assertFails(run(args(SAMPLE, SAMPLE_ARGS), Map.of("SCRIBE_TIMEZONE", "Mars/Olympus")), "SCRIBE_TIMEZONE");
        assertFails(run(args(SAMPLE, List.of("--channel", "payments-ops", "--commander", "nobody")), Map.of()),
                "no user 'nobody' in users.json");
    }


    private Path copySample(String name) throws IOException {
        Path target = dir.resolve(name);
        try (Stream<Path> files = Files.walk(SAMPLE)) {
            for (Path f : files.toList()) {
                Path to = target.resolve(SAMPLE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                }
            }
        }
        return target;
    }
}

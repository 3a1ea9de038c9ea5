package dev.scribe.export;

import static dev.scribe.export.HostileExports.CHANNEL;
import static dev.scribe.export.HostileExports.USERS;
import static dev.scribe.export.HostileExports.channels;
import static dev.scribe.export.HostileExports.day;
import static dev.scribe.export.HostileExports.message;
import static dev.scribe.export.HostileExports.ordinaryDay;
import static dev.scribe.export.ReportRun.assertFails;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.export.HostileExports.Entry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report} through its real entry point on exports made to hurt it: zip bombs, paths and links out of
 * the export, absurd times, titles that cannot be cut or are blank. Each is one line starting
 * {@code incident-scribe report:} on stderr, nothing on stdout and exit status 2, or a report that leaves
 * the bad part out and says so.
 */
class HostileExportTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-06-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static ReportRun run(Path export, ExportFiles.Limits limits, String... more) {
        List<String> args = new ArrayList<>(List.of("--export", export.toString()));
        if (!List.of(more).contains("--channel")) {
            args.addAll(List.of("--channel", CHANNEL));
        }
        args.addAll(List.of(more));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReportCommand.run(args, ReportCommand.Settings::defaults, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), NOW, limits);
        return new ReportRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static ReportRun run(Path export, String... more) {
        return run(export, ExportFiles.Limits.DEFAULT, more);
    }


    private Path zipOf(String name, Entry... entries) throws IOException {
        return HostileExports.zip(dir.resolve(name), List.of(entries));
    }

    // Medium 5: zip bombs.

    @Test
    void aUsersFileThatInflatesPastTheCapWhileItsZipClaimsLittleIsRefused() throws IOException {
        // 1 MiB past the real 256 MiB cap, about 260 KB deflated; the central directory says 1,000 bytes.
        Path zip = zipOf("bomb.zip", Entry.of("channels.json", channels(CHANNEL, "x")),
                Entry.bomb("users.json", ExportFiles.MAX_FILE_BYTES + (1 << 20)),
                Entry.of(CHANNEL + "/2025-03-18.json", ordinaryDay()));
        HostileExports.declareSize(zip, "users.json", 1000);
        try (ZipFile read = new ZipFile(zip.toFile())) {
            assertEquals(1000, read.getEntry("users.json").getSize(), "the zip lies about the size");
        }
        assertTrue(Files.size(zip) < 2 << 20, "a small zip: " + Files.size(zip));
        assertFails(run(zip), "users.json is larger than 256 MiB, the most the report reads of one file of an export");
    }

    @Test
    void aDayFileWhoseZipDeclaresItTooBigIsRefusedBeforeInflating() throws IOException {
        Path zip = zipOf("big-day.zip", Entry.of("channels.json", channels(CHANNEL, "x")), Entry.of("users.json", USERS),
                Entry.bomb(CHANNEL + "/2025-03-18.json", 5 << 20));
        assertFails(run(zip, new ExportFiles.Limits(4 << 20, 1 << 30)),
                CHANNEL + "/2025-03-18.json is larger than 4 MiB, the most the report reads of one file of an export");
    }

    @Test
    void anExportThatInflatesPastTheTotalCapIsRefused() throws IOException {
        // Each day file is under the per-file cap; together they pass the total.
        List<Entry> entries = new ArrayList<>(List.of(Entry.of("channels.json", channels(CHANNEL, "x")), Entry.of("users.json", USERS)));
        for (int day = 1; day <= 5; day++) {
            entries.add(Entry.bomb(CHANNEL + "/2025-03-0" + day + ".json", 3 << 20));
        }
        Path zip = HostileExports.zip(dir.resolve("many.zip"), entries);
        assertFails(run(zip, new ExportFiles.Limits(4 << 20, 10 << 20)),
                "the export holds more than 10 MiB to read (reached in " + CHANNEL + "/2025-03-04.json), "
                        + "the most the report reads of one export");
    }

    @Test
    void theCapsAreWhatTheReadmeSays() {
        assertEquals(256L * 1024 * 1024, ExportFiles.MAX_FILE_BYTES);
        assertEquals(4L * 1024 * 1024 * 1024, ExportFiles.MAX_TOTAL_BYTES);
    }

    // Low 8: paths and links out of the export.

    @Test
    void aSymlinkedDayFileLeadingOutsideIsRefused() throws IOException {
        Path outside = Files.writeString(Files.createDirectories(dir.resolve("outside")).resolve("secret.json"),
                day(message("1742289180.000102", "U01MAYA", "SECRET from outside")));
        Path export = HostileExports.ordinaryFolder(dir.resolve("export"));
        Files.createSymbolicLink(export.resolve(CHANNEL + "/2025-03-19.json"), outside);
        ReportRun r = run(export);
        assertFails(r, CHANNEL + "/2025-03-19.json is a link to " + outside.toRealPath() + ", outside the export");
    }

    @Test
    void aSymlinkedChannelFolderLeadingOutsideIsRefused() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("2025-03-18.json"), day(message("1742289180.000102", "U01MAYA", "SECRET")));
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "x"), USERS, Map.of());
        Files.createSymbolicLink(export.resolve(CHANNEL), outside);
        assertFails(run(export), CHANNEL + " is a link to " + outside.toRealPath() + ", outside the export");
    }

    @Test
    void aSymlinkedUsersFileLeadingOutsideIsRefused() throws IOException {
        Path outside = Files.writeString(dir.resolve("users-elsewhere.json"), USERS);
        Path export = HostileExports.ordinaryFolder(dir.resolve("export"));
        Files.delete(export.resolve("users.json"));
        Files.createSymbolicLink(export.resolve("users.json"), outside);
        assertFails(run(export), "users.json is a link to " + outside.toRealPath() + ", outside the export");
    }

    @Test
    void aLinkThatStaysInsideTheExportIsRead() throws IOException {
        Path export = HostileExports.ordinaryFolder(dir.resolve("export"));
        Files.move(export.resolve("users.json"), export.resolve("users-real.json"));
        Files.createSymbolicLink(export.resolve("users.json"), Path.of("users-real.json"));
        ReportRun r = run(export);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Maya"), r.out());
    }

    @Test
    void aChannelNamedToClimbOutOfTheFolderIsRefused() throws IOException {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("2025-03-18.json"), day(message("1742289180.000102", "U01MAYA", "SECRET")));
        Path export = HostileExports.folder(dir.resolve("a/b/export"), channels("../../../outside", "x"), USERS, Map.of());
        ReportRun r = run(export, "--channel", "../../../outside");
        assertFails(r, "'../../../outside' is not a path inside the export");
    }

    @Test
    void aZipEntryNamedToClimbOutIsNeverReadAsTheChannel() throws IOException {
        Path zip = zipOf("slip.zip", Entry.of("channels.json", channels("../outside", "x")), Entry.of("users.json", USERS),
                Entry.of("../outside/2025-03-18.json", ordinaryDay()));
        assertFails(run(zip, "--channel", "../outside"), "'../outside' is not a path inside the export");
        // Nothing is extracted: no file appeared next to the zip.
        assertFalse(Files.exists(dir.resolve("outside")) || Files.exists(dir.getParent().resolve("outside")));
    }

    // Low 7: the report's own crashes.

    @Test
    void aPurposeWithAnEmojiAtTheCutIsCutWholeAndWritten() throws IOException {
        // 98 letters, then an emoji (two chars) at characters 99-100, then more: the title limit is 100.
        String purpose = "a".repeat(98) + "\uD83D\uDD25" + " and more words past the limit";
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, purpose), USERS,
                Map.of(CHANNEL + "/2025-03-18.json", ordinaryDay()));
        Path target = dir.resolve("rca.md");
        ReportRun r = run(export, "--out", target.toString());
        assertEquals(0, r.exit(), r.err());
        String title = Files.readString(target, StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        assertEquals("# Incident 1: " + "a".repeat(98) + "\uD83D\uDD25…", title);
    }

    @Test
    void aLoneSurrogateInAMessageDoesNotFailTheWrite() throws IOException {
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "x"), USERS,
                Map.of(CHANNEL + "/2025-03-18.json", day(message("1742289180.000102", "U01MAYA", "half an emoji \uD83D here"))));
        Path target = dir.resolve("rca.md");
        ReportRun r = run(export, "--out", target.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(target, StandardCharsets.UTF_8).contains("half an emoji ? here"));
    }

    @Test
    void aBlankTitleIsOneLine() throws IOException {
        assertFails(run(HostileExports.ordinaryFolder(dir.resolve("export")), "--title", "   "), "--title is blank");
    }

    @Test
    void aTitleOnSeveralLinesBecomesOneLine() throws IOException {
        ReportRun r = run(HostileExports.ordinaryFolder(dir.resolve("export")), "--title", "Queue stuck\n## Impact\rforged");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("# Incident 1: Queue stuck ## Impact forged\n"), r.out());
    }

    @Test
    void messagesAtAbsurdTimesAreLeftOutAndSaidSo() throws IOException {
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "x"), USERS, Map.of(
                CHANNEL + "/2025-03-18.json", day(
                        message("1742289180.000102", "U01MAYA", "Queue depth is climbing"),
                        message("9999999999.000001", "U02RAJ", "FROM 2286"),
                        message("999999999999.999999", "U02RAJ", "FROM 33658"),
                        message("1748822400.000001", "U02RAJ", "TWO DAYS AHEAD"),
                        message("1.000001", "U02RAJ", "FROM 1970"),
                        message("1742290800.000200", "U02RAJ", "Rolled back, queue draining"))));
        ReportRun r = run(export);
        assertEquals(0, r.exit(), r.err());
        assertEquals("incident-scribe report: left out 4 messages whose time no Slack message has (before 2013-01-01 "
                + "or more than a day from now) (the first: ts 9999999999.000001 in " + CHANNEL
                + "/2025-03-18.json)\n", r.err());
        assertTrue(r.out().contains("Rolled back"), r.out());
        assertFalse(r.out().contains("FROM") || r.out().contains("AHEAD") || r.out().contains("1970-01-01"), r.out());
    }

    @Test
    void anIncidentOverSeveralDaysKeepsTheMessagesOfEveryDay() throws IOException {
        // The replay records each message as if it arrived live: a message days after the first is no message
        // "from the future" of the replay.
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "Long one"), USERS, Map.of(
                CHANNEL + "/2025-03-18.json", day(message("1742289180.000102", "U01MAYA", "Day one")),
                CHANNEL + "/2025-03-21.json", day(message("1742558400.000100", "U02RAJ", "Day four, still at it"))));
        ReportRun r = run(export);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Day one") && r.out().contains("Day four, still at it"), r.out());
    }

    @Test
    void aChannelWithOnlyAbsurdTimesIsOneLine() throws IOException {
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "x"), USERS, Map.of(
                CHANNEL + "/2025-03-18.json", day(message("99999999999.000001", "U02RAJ", "FROM 5138"))));
        ReportRun r = run(export);
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(2, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("incident-scribe report: left out 1 message whose time no Slack message has"), r.err());
        assertEquals("incident-scribe report: #" + CHANNEL + " has no messages from people", lines.get(1));
    }

    @Test
    void aUserIdTooLongToBeSlacksIsLeftOutAndSaidSo() throws IOException {
        Path export = HostileExports.folder(dir.resolve("export"), channels(CHANNEL, "x"), USERS, Map.of(
                CHANNEL + "/2025-03-18.json", day(
                        message("1742289180.000102", "U01MAYA", "Queue depth is climbing"),
                        message("1742289190.000102", "U" + "X".repeat(39), "LONG ID"))));
        ReportRun r = run(export);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().startsWith("incident-scribe report: left out 1 message whose user id is not a Slack user id"), r.err());
        assertFalse(r.out().contains("LONG ID"), r.out());
    }

    @Test
    void terminalEscapesInANameDoNotReachTheTerminal() throws IOException {
        ReportRun r = run(HostileExports.ordinaryFolder(dir.resolve("export")), "--channel", "x\u001b[2J\ny");
        assertFails(r, "the export has no channel 'x [2J y'");
    }
}

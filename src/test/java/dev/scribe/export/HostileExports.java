package dev.scribe.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small exports, and hostile ones, in a temp dir: nothing big is ever committed. */
final class HostileExports {

    static final String CHANNEL = "incident-1";
    static final String USERS = """
            [{"id":"U01MAYA","name":"maya","profile":{"display_name":"Maya"}},
             {"id":"U02RAJ","name":"raj","profile":{"display_name":"Raj"}}]""";

    private HostileExports() {
    }

    /** {@code channels.json} with one channel. */
    static String channels(String name, String purpose) {
        return "[{\"id\":\"C0INC1\",\"name\":" + json(name) + ",\"purpose\":{\"value\":" + json(purpose) + "}}]";
    }

    /** A message object of a day file. */
    static String message(String ts, String user, String text) {
        return "{\"type\":\"message\",\"ts\":\"" + ts + "\",\"user\":\"" + user + "\",\"text\":" + json(text) + "}";
    }

    static String day(String... messages) {
        return "[" + String.join(",", messages) + "]";
    }

    /** Two ordinary messages of 2025-03-18. */
    static String ordinaryDay() {
        return day(message("1742289180.000102", "U01MAYA", "Queue depth is climbing"),
                message("1742290800.000200", "U02RAJ", "Rolled back, queue draining"));
    }

    /** An export folder: channels.json, users.json and the channel's day files. */
    static Path folder(Path dir, String channelsJson, String usersJson, Map<String, String> dayFiles) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("channels.json"), channelsJson);
        Files.writeString(dir.resolve("users.json"), usersJson);
        for (Map.Entry<String, String> file : dayFiles.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    /** An ordinary export of {@link #CHANNEL}. */
    static Path ordinaryFolder(Path dir) throws IOException {
        return folder(dir, channels(CHANNEL, "Settlement queue stuck"), USERS, Map.of(CHANNEL + "/2025-03-18.json", ordinaryDay()));
    }

    /** One entry of a zip: its name and its bytes, or {@code bombBytes} of a highly compressible JSON list. */
    record Entry(String name, byte[] content, long bombBytes) {
        static Entry of(String name, String content) {
            return new Entry(name, content.getBytes(StandardCharsets.UTF_8), 0);
        }

        /** A valid JSON list of {@code bytes} bytes, nearly all spaces: a few hundred KB deflated per 256 MiB. */
        static Entry bomb(String name, long bytes) {
            return new Entry(name, null, bytes);
        }
    }

    /** A zip of the entries, deflated fast (the bombs are spaces). */
    static Path zip(Path target, List<Entry> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Entry entry : entries) {
                out.putNextEntry(new ZipEntry(entry.name()));
                if (entry.content() != null) {
                    out.write(entry.content());
                } else {
                    writeBomb(out, entry.bombBytes());
                }
                out.closeEntry();
            }
        }
        return target;
    }

    private static void writeBomb(OutputStream out, long bytes) throws IOException {
        byte[] spaces = new byte[1 << 20];
        Arrays.fill(spaces, (byte) ' ');
        out.write('[');
        long left = bytes - 2;
        while (left > 0) {
            int n = (int) Math.min(spaces.length, left);
            out.write(spaces, 0, n);
            left -= n;
        }
        out.write(']');
    }

    /**
     * Rewrites the uncompressed size that the zip's central directory declares for {@code name} to {@code size}:
     * a hostile zip lies about its sizes, so a reader must count what really inflates.
     */
    static void declareSize(Path zip, String name, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = bytes.length - 46; i >= 0; i--) {
            if (buffer.getInt(i) == 0x02014b50 && buffer.getShort(i + 28) == wanted.length
                    && Arrays.equals(bytes, i + 46, i + 46 + wanted.length, wanted, 0, wanted.length)) {
                buffer.putInt(i + 24, (int) size);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no central directory entry " + name);
        }
        Files.write(zip, bytes);
    }

    /**
     * A users.json of {@code count} users shaped like Slack's (about 320 bytes each, so 300,000 make about the 94 MB
     * of a real large workspace), written as a stream.
     */
    static void writeUsers(Path file, int count) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("[\n");
            for (int i = 0; i < count; i++) {
                String id = String.format("U%010d", i);
                out.write((i == 0 ? "" : ",\n") + "{\"id\":\"" + id + "\",\"team_id\":\"T0ACME\",\"name\":\"user" + i
                        + "\",\"deleted\":false,\"real_name\":\"User Number " + i
                        + "\",\"tz\":\"Europe/Amsterdam\",\"tz_offset\":3600,"
                        + "\"profile\":{\"real_name\":\"User Number " + i
                        + "\",\"display_name\":\"user" + i + "\",\"avatar_hash\":\"g0123456789a\",\"team\":\"T0ACME\"},"
                        + "\"is_admin\":false,\"is_bot\":false,\"updated\":1700000000}");
            }
            out.write("\n]\n");
        }
    }

    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}

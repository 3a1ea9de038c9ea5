package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A file of received messages, written before their events are acknowledged and stored in the database
 * afterwards in large batches ({@link JournaledMessageWriter}).
 *
 * <p>Why: on H2 every commit rewrites the index pages it touched, so a commit per event (or per handful of events)
 * was most of the cost of an acknowledgement (docs/performance.md). The file is memory-mapped: an append is a copy
 * into the operating system's page cache, without a system call, so the lock around it is held for a moment only
 * (a write(2) under it was a convoy on two cores). Once copied, the bytes belong to the file and survive the bot
 * being killed, just as an H2 commit with {@code WRITE_DELAY=0} does; neither is forced to the disk.
 *
 * <p>Layout: a header (magic, version, generation) then records {@code [length][CRC-32C][generation][message]},
 * ended by a zero length. Emptying the journal only increments the generation in the header; reading stops at the
 * zero length or at the first record that is short, fails its checksum or belongs to another generation, so records
 * left over from before are never read again. Not thread-safe: {@link JournaledMessageWriter} serializes every call.
 */
final class MessageJournal implements AutoCloseable {

    static final int DEFAULT_CAPACITY_BYTES = 16 << 20;
    /** A record larger than this cannot be one we wrote (Slack caps a message at 40,000 characters). */
    static final int MAX_RECORD_BYTES = 1 << 20;

    private static final int MAGIC = 0x53435231; // "SCR1"
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 16;
    private static final int GENERATION_AT = 8;
    private static final int RECORD_HEADER_BYTES = 8;

    private final Path file;
    private final FileChannel channel;
    private final MappedByteBuffer map;
    private long generation;
    private int end = HEADER_BYTES;

    private MessageJournal(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        this.map = map;
    }

    /**
     * Opens the journal file, creating it (and its directory) when missing; an existing file keeps its size.
     *
     * @throws UncheckedIOException when the file cannot be opened or is not a message journal
     */
    static MessageJournal open(Path file, int capacityBytes) {
        FileChannel channel = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long size = channel.size();
            boolean isNew = size == 0;
            if (isNew) {
                size = Math.max(capacityBytes, HEADER_BYTES + RECORD_HEADER_BYTES);
                allocate(channel, size);
            } else if (size < HEADER_BYTES || size > Integer.MAX_VALUE) {
                throw new IOException("it is not a message journal (" + size + " bytes; if it came from elsewhere, "
                        + "move it aside: the bot then starts with a new one)");
            }
            MessageJournal journal = new MessageJournal(file, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            // A header never written: the first start was cut off while it made the file, which holds nothing then.
            isNew |= journal.map.getInt(0) == 0 && journal.map.getInt(4) == 0;
            if (isNew) {
                journal.map.putInt(0, MAGIC).putInt(4, VERSION).putLong(GENERATION_AT, 1);
            } else if (journal.map.getInt(0) != MAGIC || journal.map.getInt(4) != VERSION) {
                throw new IOException("it is not a message journal of this version (if it came from elsewhere, move "
                        + "it aside: the bot then starts with a new one)");
            }
            journal.generation = journal.map.getLong(GENERATION_AT);
            return journal;
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw new UncheckedIOException("Could not open the message journal " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the whole file once, so its disk space is taken now: a page of a sparse mapping that the disk has no
     * room for fails when it is first written, in the middle of taking a message; a full disk then fails the
     * start-up instead, with a message that says so.
     */
    private static void allocate(FileChannel channel, long size) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
        for (long at = 0; at < size; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
            at += channel.write(zeros, at);
        }
    }

    Path file() {
        return file;
    }

    /**
     * The record of a message, without its generation and checksum: the costly part of an append, done before
     * taking the lock that {@link #tryAppend} needs.
     */
    static byte[] encode(ReceivedMessage m) {
        RecordedMessage message = m.message();
        byte[][] strings = {utf8(message.channelId()), utf8(message.ts()), utf8(message.threadTs()),
                utf8(message.authorId()), utf8(message.text()), utf8(m.eventId())};
        int length = 3 * Long.BYTES;
        for (byte[] s : strings) {
            length += Integer.BYTES + (s == null ? 0 : s.length);
        }
        if (length > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("A message of " + length + " bytes is larger than Slack sends");
        }
        ByteBuffer record = ByteBuffer.allocate(RECORD_HEADER_BYTES + length);
        record.putInt(length).putInt(0);
        record.putLong(0).putLong(Micros.of(message.postedAt())).putLong(m.recordedAtUs());
        for (byte[] s : strings) {
            record.putInt(s == null ? -1 : s.length);
            if (s != null) {
                record.put(s);
            }
        }
        return record.array();
    }

    /**
     * Copies a record from {@link #encode} after the last; false (and nothing written) when there is no room.
     *
     * @throws UncheckedIOException when the operating system could not write the page; the message is not taken
     */
    boolean tryAppend(byte[] record) {
        if (record.length > map.capacity() - end) {
            return false;
        }
        ByteBuffer.wrap(record).putLong(RECORD_HEADER_BYTES, generation);
        CRC32C crc = new CRC32C();
        crc.update(record, RECORD_HEADER_BYTES, record.length - RECORD_HEADER_BYTES);
        ByteBuffer.wrap(record).putInt(4, (int) crc.getValue());
        try {
            map.put(end, record);
            end += record.length;
            terminate();
        } catch (InternalError e) {
            // How the JVM reports a page of the mapping that could not be written (e.g. no space on a file system
            // that copies on write): the message was not taken, and the next record goes where it was to go.
            throw new UncheckedIOException("Could not write to the message journal " + file,
                    new IOException(e.getMessage(), e));
        }
        return true;
    }

    /** Where the next record goes. */
    int end() {
        return end;
    }

    /** True when nothing was appended since the journal was last emptied. */
    boolean isEmpty() {
        return end == HEADER_BYTES;
    }

    /** Forgets every record: everything in it is stored in the database. */
    void clear() {
        generation++;
        map.putLong(GENERATION_AT, generation);
        end = HEADER_BYTES;
        terminate();
    }

    /**
     * Marks where the records end with a zero length: a shorter generation would otherwise end in the middle of
     * an older record, whose leftover bytes would read as a record cut off by a crash.
     */
    private void terminate() {
        if (end + Integer.BYTES <= map.capacity()) {
            map.putInt(end, 0);
        }
    }

    /**
     * Every whole record of the current generation, oldest first, and how many bytes after them look written but
     * could not be read (a record cut off when the machine stopped). New records go after the last one read.
     */
    Contents read() {
        List<ReceivedMessage> messages = new ArrayList<>();
        int at = HEADER_BYTES;
        int unreadable = 0;
        while (at + RECORD_HEADER_BYTES <= map.capacity()) {
            int length = map.getInt(at);
            if (length == 0) {
                break;
            }
            int checksum = map.getInt(at + 4);
            ReceivedMessage message = null;
            if (length >= Long.BYTES && length <= MAX_RECORD_BYTES && at + RECORD_HEADER_BYTES + length <= map.capacity()) {
                byte[] payload = new byte[length];
                map.get(at + RECORD_HEADER_BYTES, payload);
                if (checksum(payload) == checksum) {
                    ByteBuffer fields = ByteBuffer.wrap(payload);
                    message = fields.getLong() == generation ? decode(fields) : null;
                    if (message == null) {
                        break; // an older generation's record: nothing after it is current
                    }
                }
            }
            if (message == null) {
                unreadable = length;
                break;
            }
            messages.add(message);
            at += RECORD_HEADER_BYTES + length;
        }
        end = at;
        return new Contents(messages, unreadable);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #read} found: the messages, and the claimed size of a torn record at the end (0 when none). */
    record Contents(List<ReceivedMessage> messages, int unreadableBytes) {
    }

    /** The message after the generation in a payload whose checksum matched; null when its fields do not add up. */
    private static ReceivedMessage decode(ByteBuffer fields) {
        try {
            long postedAtUs = fields.getLong();
            long recordedAtUs = fields.getLong();
            String channelId = string(fields);
            String ts = string(fields);
            String threadTs = string(fields);
            String authorId = string(fields);
            String text = string(fields);
            String eventId = string(fields);
            if (fields.hasRemaining() || channelId == null || ts == null || authorId == null || text == null) {
                return null;
            }
            return new ReceivedMessage(new RecordedMessage(channelId, ts, threadTs, authorId, text,
                    Micros.toInstant(postedAtUs)), eventId, recordedAtUs);
        } catch (BufferUnderflowException | IllegalArgumentException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    private static String string(ByteBuffer fields) {
        int length = fields.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        fields.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return (int) crc.getValue();
    }
}

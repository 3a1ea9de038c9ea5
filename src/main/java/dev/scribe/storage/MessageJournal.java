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
 * afterwards, a batch per transaction, by {@link JournaledMessageWriter}; a record is forgotten only when its half of
 * the file is emptied, once every record in that half is stored ({@link #release}).
 *
 * <p>Why: on H2 every commit rewrites the index pages it touched, so a commit per event (or per handful of events)
 * was most of the cost of an acknowledgement (docs/performance.md). The file is memory-mapped: an append is a copy
 * into the operating system's page cache, without a system call, so the lock around it is held for a moment only
 * (a write(2) under it was a convoy on two cores). Once copied, the bytes belong to the file and survive the bot
 * being killed, just as an H2 commit with {@code WRITE_DELAY=0} does; neither is forced to the disk.
 *
 * <p>Layout: two halves, each a header (magic, version, generation) then records
 * {@code [length][CRC-32C][generation][message]} ended by a zero length. Messages go to the active half; when it
 * is full they go on in the other half (once everything in that one is stored) while the full one is drained, so a
 * steady flood never has to wait for the journal to be wholly stored. Emptying a half only gives it a generation
 * higher than both halves had; reading a half stops at the zero length or at the first record that is short, fails
 * its checksum or belongs to another generation, so records left over from before are never read again, and the
 * halves are read in the order of their generations. Not thread-safe: {@link JournaledMessageWriter} serializes
 * every call.
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
    private final Half[] halves;
    private Half active;
    /** How many records were appended since the journal was last read or emptied: the last one's number. */
    private long appended;

    private MessageJournal(Path file, FileChannel channel, MappedByteBuffer map) {
        this.file = file;
        this.channel = channel;
        int half = map.capacity() / 2;
        this.halves = new Half[] {new Half(map.slice(0, half)), new Half(map.slice(half, map.capacity() - half))};
        this.active = halves[0];
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
                size = Math.max(capacityBytes, 2 * (HEADER_BYTES + RECORD_HEADER_BYTES));
                allocate(channel, size);
            } else if (size < 2 * (HEADER_BYTES + RECORD_HEADER_BYTES) || size > Integer.MAX_VALUE) {
                throw new IOException("it is not a message journal (" + size + " bytes; if it came from elsewhere, "
                        + "move it aside: the bot then starts with a new one)");
            }
            MessageJournal journal = new MessageJournal(file, channel, channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            for (Half half : journal.halves) {
                half.openHeader(isNew);
            }
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
     * Copies a record from {@link #encode} after the last; false (and nothing written) when there is no room: the
     * active half is full and the other still holds messages not stored.
     *
     * @throws UncheckedIOException when the operating system could not write the page; the message is not taken
     */
    boolean tryAppend(byte[] record) {
        if (!active.hasRoomFor(record)) {
            Half other = other(active);
            if (!other.isEmpty() || !other.hasRoomFor(record)) {
                return false;
            }
            active = other;
        }
        active.append(record, ++appended);
        return true;
    }

    /**
     * Forgets what is stored: the records numbered up to {@code stored} (in the order they were appended since the
     * journal was last read or emptied). A half is emptied once all its records are stored.
     */
    void release(long stored) {
        for (Half half : halves) {
            if (!half.isEmpty() && half.lastNumber <= stored) {
                half.clear(nextGeneration());
            }
        }
    }

    /** Where the next record goes, in bytes from the start of the file. */
    int end() {
        return (active == halves[0] ? 0 : halves[0].region.capacity()) + active.end;
    }

    /** True when nothing was appended since everything was last stored. */
    boolean isEmpty() {
        return halves[0].isEmpty() && halves[1].isEmpty();
    }

    /** Forgets every record: everything in it is stored in the database. */
    void clear() {
        for (Half half : halves) {
            half.clear(nextGeneration());
        }
        active = halves[0];
        appended = 0;
    }

    /**
     * Every whole record, oldest first (the halves in the order of their generations), and how many bytes after
     * them look written but could not be read (a record cut off when the machine stopped). Records appended after
     * this go after the last one read.
     */
    Contents read() {
        List<Half> byAge = new ArrayList<>(List.of(halves));
        byAge.sort(java.util.Comparator.comparingLong(h -> h.generation));
        List<ReceivedMessage> messages = new ArrayList<>();
        int unreadable = 0;
        appended = 0;
        for (Half half : byAge) {
            unreadable += half.read(messages);
            appended += half.count;
            half.lastNumber = appended;
        }
        // New records go to the newer half while it has room; a full one hands over as usual.
        active = byAge.get(1).isEmpty() && !byAge.get(0).isEmpty() ? byAge.get(0) : byAge.get(1);
        return new Contents(messages, unreadable);
    }

    private Half other(Half half) {
        return half == halves[0] ? halves[1] : halves[0];
    }

    private long nextGeneration() {
        return Math.max(halves[0].generation, halves[1].generation) + 1;
    }

    /** One half of the file: its own header, generation and records. */
    private static final class Half {
        private final ByteBuffer region;
        private long generation;
        private int end = HEADER_BYTES;
        private int count;
        /** The number of the last record appended here. */
        private long lastNumber;

        Half(ByteBuffer region) {
            this.region = region;
        }

        void openHeader(boolean isNew) throws IOException {
            // A header never written: the first start was cut off while it made the file, which holds nothing then.
            if (isNew || (region.getInt(0) == 0 && region.getInt(4) == 0)) {
                region.putInt(0, MAGIC).putInt(4, VERSION).putLong(GENERATION_AT, 1);
                terminate();
            } else if (region.getInt(0) != MAGIC || region.getInt(4) != VERSION) {
                throw new IOException("it is not a message journal of this version (if it came from elsewhere, move "
                        + "it aside: the bot then starts with a new one)");
            }
            generation = region.getLong(GENERATION_AT);
        }

        boolean isEmpty() {
            return end == HEADER_BYTES;
        }

        boolean hasRoomFor(byte[] record) {
            return record.length <= region.capacity() - end;
        }

        void append(byte[] record, long number) {
            ByteBuffer.wrap(record).putLong(RECORD_HEADER_BYTES, generation);
            CRC32C crc = new CRC32C();
            crc.update(record, RECORD_HEADER_BYTES, record.length - RECORD_HEADER_BYTES);
            ByteBuffer.wrap(record).putInt(4, (int) crc.getValue());
            try {
                region.put(end, record);
                end += record.length;
                terminate();
            } catch (InternalError e) {
                // How the JVM reports a page of the mapping that could not be written (e.g. no space on a file
                // system that copies on write): the message was not taken; the next record goes where it was to go.
                throw new UncheckedIOException("Could not write to the message journal",
                        new IOException(e.getMessage(), e));
            }
            count++;
            lastNumber = number;
        }

        void clear(long newGeneration) {
            generation = newGeneration;
            region.putLong(GENERATION_AT, generation);
            end = HEADER_BYTES;
            count = 0;
            terminate();
        }

        /**
         * Marks where the records end with a zero length: a shorter generation would otherwise end in the middle
         * of an older record, whose leftover bytes would read as a record cut off by a crash.
         */
        private void terminate() {
            if (end + Integer.BYTES <= region.capacity()) {
                region.putInt(end, 0);
            }
        }

        /** Adds this half's whole records to {@code messages}; returns the claimed size of a torn one (0 if none). */
        int read(List<ReceivedMessage> messages) {
            int at = HEADER_BYTES;
            int unreadable = 0;
            count = 0;
            while (at + RECORD_HEADER_BYTES <= region.capacity()) {
                int length = region.getInt(at);
                if (length == 0) {
                    break;
                }
                int checksum = region.getInt(at + 4);
                ReceivedMessage message = null;
                if (length >= Long.BYTES && length <= MAX_RECORD_BYTES
                        && at + RECORD_HEADER_BYTES + length <= region.capacity()) {
                    byte[] payload = new byte[length];
                    region.get(at + RECORD_HEADER_BYTES, payload);
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
                count++;
                at += RECORD_HEADER_BYTES + length;
            }
            end = at;
            return unreadable;
        }
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

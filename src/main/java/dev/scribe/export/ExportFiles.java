package dev.scribe.export;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a Slack export, from its folder or its zip. Paths are relative to the export's top, where
 * {@code channels.json} is; a zip whose files sit under one folder is read from that folder.
 *
 * <p>Nothing is ever extracted: zip entries are read as streams, so an entry named {@code ../x} can neither
 * write nor read anything outside the zip. In a folder, every path must stay inside the export's real path:
 * {@code ..} and links that lead outside are refused. What is read is capped ({@link #MAX_FILE_BYTES} per
 * file, {@link #MAX_TOTAL_BYTES} in all), so a small zip that inflates to gigabytes (a zip bomb) is refused
 * with a one-line error instead of filling the memory.
 */
interface ExportFiles extends AutoCloseable {

    /**
     * The most the report reads of one file: 256 MiB, well above the users.json of a workspace of hundreds of
     * thousands of people or the day file of a busy channel.
     */
    long MAX_FILE_BYTES = 256L << 20;

    /** The most the report reads of one export in all (users, channels and the channel's day files): 4 GiB. */
    long MAX_TOTAL_BYTES = 4L << 30;

    /** A file of the export, if it has it, as a stream that fails with an {@link ExportException} past the caps. */
    Optional<InputStream> open(String path);

    /** The names of the files directly in a folder of the export, sorted. */
    List<String> list(String folder);

    @Override
    void close();

    /** How much of an export is read at most: per file and in all. */
    record Limits(long perFile, long total) {
        static final Limits DEFAULT = new Limits(MAX_FILE_BYTES, MAX_TOTAL_BYTES);
    }

    static ExportFiles open(Path path) {
        return open(path, Limits.DEFAULT);
    }

    static ExportFiles open(Path path, Limits limits) {
        if (Files.isDirectory(path)) {
            try {
                return new Folder(path.toRealPath(), new Budget(limits));
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
            }
        }
        if (!Files.isRegularFile(path)) {
            throw new ExportException("no export at " + path + " (give the export's folder or its .zip)");
        }
        try {
            return new Zip(new ZipFile(path.toFile(), StandardCharsets.UTF_8), new Budget(limits));
        } catch (ZipException e) {
            throw new ExportException(path + " is neither a folder nor a readable zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Refuses a path that could leave the export's top: empty, absolute, {@code .} or {@code ..} parts,
     * backslashes (Windows separators) or NUL. Slack's channel names never have any of them.
     */
    static String checkInside(String path) {
        boolean bad = path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0;
        for (String part : path.split("/", -1)) {
            bad |= part.isEmpty() || part.equals(".") || part.equals("..");
        }
        if (bad) {
            throw new ExportException("'" + path + "' is not a path inside the export; the report reads only "
                    + "the export's own files");
        }
        return path;
    }

    /** What has been read of one export so far, against its limits. */
    final class Budget {
        private final Limits limits;
        private long total;

        Budget(Limits limits) {
            this.limits = limits;
        }

        void take(String path, long bytes) {
            total += bytes;
            if (total > limits.total()) {
                throw new ExportException("the export holds more than " + mib(limits.total()) + " to read (reached in "
                        + path + "), the most the report reads of one export");
            }
        }

        ExportException tooBig(String path) {
            return new ExportException(path + " is larger than " + mib(limits.perFile())
                    + ", the most the report reads of one file of an export");
        }
    }

    static String mib(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }

    /** A file's bytes, failing once more than {@link #MAX_FILE_BYTES} of it or of the budget are read. */
    final class Capped extends FilterInputStream {
        private final String path;
        private final Budget budget;
        private long read;

        Capped(InputStream in, String path, Budget budget) {
            super(in);
            this.path = path;
            this.budget = budget;
        }

        private int count(int n) {
            if (n > 0) {
                read += n;
                if (read > budget.limits.perFile()) {
                    throw budget.tooBig(path);
                }
                budget.take(path, n);
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipping inflates too: count it like reading.
            byte[] scratch = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    /** An unpacked export; {@code root} is its real path. */
    final class Folder implements ExportFiles {
        private final Path root;
        private final Budget budget;

        Folder(Path root, Budget budget) {
            this.root = root;
            this.budget = budget;
        }

        /** The real path of a file or folder of the export, if it exists; refused if it leads outside. */
        private Optional<Path> inside(String path) {
            Path file = root.resolve(checkInside(path));
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            Path real;
            try {
                real = file.toRealPath();
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
            }
            if (!real.startsWith(root)) {
                throw new ExportException(path + " is a link to " + real + ", outside the export; the report reads "
                        + "only the export's own files");
            }
            return Optional.of(real);
        }

        @Override
        public Optional<InputStream> open(String path) {
            Optional<Path> file = inside(path).filter(Files::isRegularFile);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Capped(Files.newInputStream(file.get()), path, budget));
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public List<String> list(String folder) {
            Optional<Path> dir = inside(folder).filter(Files::isDirectory);
            if (dir.isEmpty()) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir.get())) {
                return files.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new ExportException("cannot list " + folder + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public void close() {
        }
    }

    /** An export as Slack hands it out. */
    final class Zip implements ExportFiles {
        private final ZipFile zip;
        private final String prefix;
        private final Budget budget;

        Zip(ZipFile zip, Budget budget) {
            this.zip = zip;
            this.budget = budget;
            this.prefix = findTop(zip);
        }

        private static String findTop(ZipFile zip) {
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                if (name.equals("channels.json") || name.endsWith("/channels.json") && name.indexOf('/') == name.lastIndexOf('/')) {
                    return name.substring(0, name.length() - "channels.json".length());
                }
            }
            return "";
        }

        @Override
        public Optional<InputStream> open(String path) {
            ZipEntry entry = zip.getEntry(prefix + checkInside(path));
            if (entry == null || entry.isDirectory()) {
                return Optional.empty();
            }
            // The declared size can lie (the stream counts what really inflates), but when it is honest and
            // too big there is no need to inflate anything.
            if (entry.getSize() > budget.limits.perFile()) {
                throw budget.tooBig(path);
            }
            try {
                return Optional.of(new Capped(zip.getInputStream(entry), path, budget));
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " from the zip (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public List<String> list(String folder) {
            String dir = prefix + checkInside(folder) + "/";
            List<String> names = new ArrayList<>();
            for (ZipEntry entry : Collections.list(zip.entries())) {
                String name = entry.getName();
                if (!entry.isDirectory() && name.startsWith(dir) && name.indexOf('/', dir.length()) < 0) {
                    names.add(name.substring(dir.length()));
                }
            }
            Collections.sort(names);
            return names;
        }

        @Override
        public void close() {
            try {
                zip.close();
            } catch (IOException e) {
                // read-only; nothing to lose
            }
        }
    }
}

package dev.scribe.export;

import java.io.IOException;
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
 */
interface ExportFiles extends AutoCloseable {

    /** A file's text, if the export has it. */
    Optional<String> read(String path);

    /** The names of the files directly in a folder of the export, sorted. */
    List<String> list(String folder);

    @Override
    void close();

    static ExportFiles open(Path path) {
        if (Files.isDirectory(path)) {
            return new Folder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new ExportException("no export at " + path + " (give the export's folder or its .zip)");
        }
        try {
            return new Zip(new ZipFile(path.toFile(), StandardCharsets.UTF_8));
        } catch (ZipException e) {
            throw new ExportException(path + " is neither a folder nor a readable zip (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
        }
    }

    /** An unpacked export. */
    final class Folder implements ExportFiles {
        private final Path root;

        Folder(Path root) {
            this.root = root;
        }

        @Override
        public Optional<String> read(String path) {
            Path file = root.resolve(path);
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public List<String> list(String folder) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
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

        Zip(ZipFile zip) {
            this.zip = zip;
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
        public Optional<String> read(String path) {
            ZipEntry entry = zip.getEntry(prefix + path);
            if (entry == null || entry.isDirectory()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new ExportException("cannot read " + path + " from the zip (" + e.getMessage() + ")", e);
            }
        }

        @Override
        public List<String> list(String folder) {
            String dir = prefix + folder + "/";
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

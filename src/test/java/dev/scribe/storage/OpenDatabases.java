package dev.scribe.storage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The databases one test creates and opens, as a JUnit 5 extension: after the test every pool opened is closed,
 * then every database created is dropped. Register it on an instance field.
 */
final class OpenDatabases implements AfterEachCallback {

    private final List<Runnable> drops = new ArrayList<>();
    private final List<Database> open = new ArrayList<>();

    /** A fresh database of {@code kind} (an H2 file in {@code dir}), dropped after the test. */
    TestDatabases.Target create(DatabaseKind kind, Path dir) throws Exception {
        TestDatabases.Target t = TestDatabases.create(kind, dir);
        drops.add(t.drop());
        return t;
    }

    /** A pool on {@code target} with the production migrations run, closed after the test. */
    Database open(TestDatabases.Target target) {
        Database db = TestDatabases.open(target);
        open.add(db);
        return db;
    }

    /** The pools opened so far, oldest first. */
    List<Database> opened() {
        return List.copyOf(open);
    }

    /** Closes every pool opened so far (a restart of the bot); the databases stay. */
    void closeAll() {
        open.forEach(Database::close);
        open.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeAll();
        drops.forEach(Runnable::run);
        drops.clear();
    }
}

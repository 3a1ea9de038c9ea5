package dev.scribe.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, migrated schema and Jdbi handle factory. Opening runs the migrations first, so
 * nothing talks to a schema older than the code.
 */
public final class Database implements AutoCloseable {

    /** H2's page cache, in KB: never below H2's own default at a 128 MB heap, never above 256 MB. */
    private static final long MIN_CACHE_KB = 8 * 1024;
    private static final long MAX_CACHE_KB = 256 * 1024;

    /** How long anything waits for a connection before the database counts as not answering. */
    static final long CONNECTION_TIMEOUT_MS = 1_500;
    private static final String ALIVE_BYPASS_PROPERTY = "com.zaxxer.hikari.aliveBypassWindowMs";

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DatabaseKind kind;
    private final String url;

    private Database(HikariDataSource dataSource, DatabaseKind kind, String url) {
        this.dataSource = dataSource;
        this.url = url;
        this.kind = kind;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Connects, migrates the schema to the newest version and returns the ready database. */
    public static Database open(String url, String user, String password) {
        return open(url, user, password, List.of());
    }

    /**
     * The bot's settings for an H2 URL, unless the URL sets them itself. DB_CLOSE_ON_EXIT=FALSE: H2 closes a
     * database from its own shutdown hook by default, racing ours: on SIGTERM the work being finished or stored
     * would meet a closed database; the bot closes it itself, last. LAZY_QUERY_EXECUTION=1: H2 otherwise builds
     * every result whole before the first row, in a temporary file past its in-memory row limit; the messages of
     * a large incident went through one on every close (docs/performance.md). CACHE_SIZE of a fifth of
     * the heap, three times H2's default: a report reads the incident's messages once for names, once to compile
     * and once for the transcript, and when its pages did not fit the cache every pass read and decoded them from
     * the file again (measured in docs/performance.md, "Close").
     * H2 keeps a CACHE_SIZE given in the URL in the database, so it is given on every start.
     */
    static String withH2Settings(String url, long maxHeapBytes) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String withSettings = url;
        if (!upper.contains("DB_CLOSE_ON_EXIT")) {
            withSettings += ";DB_CLOSE_ON_EXIT=FALSE";
        }
        if (!upper.contains("LAZY_QUERY_EXECUTION")) {
            withSettings += ";LAZY_QUERY_EXECUTION=1";
        }
        if (!upper.contains("CACHE_SIZE")) {
            withSettings += ";CACHE_SIZE=" + Math.max(MIN_CACHE_KB, Math.min(MAX_CACHE_KB, maxHeapBytes / 5 / 1024));
        }
        return withSettings;
    }

    /** As {@link #open(String, String, String)}, with more migration locations (tests add a failing one). */
    static Database open(String url, String user, String password, List<String> extraLocations) {
        DatabaseKind kind = DatabaseKind.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind == DatabaseKind.H2 ? withH2Settings(url, Runtime.getRuntime().maxMemory()) : url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("scribe-db");
        config.setMaximumPoolSize(10);
        // An event is answered within Slack's 3 seconds whether or not the database answers: waiting for a
        // connection is bounded well below that, so a database that is down gets a 503 (and a retry from Slack)
        // in time instead of a timeout.
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setValidationTimeout(1_000);
        config.setExceptionOverrideClassName(BrokenConnections.class.getName());
        // The pool skips its check of a connection used in the last half second; after the database restarted, a
        // busy bot then met each dead connection once, and an event (perhaps Slack's last retry) was refused for
        // each. Checked on every loan instead: a flag on H2 in this JVM, one round trip on a server.
        if (System.getProperty(ALIVE_BYPASS_PROPERTY) == null) {
            System.setProperty(ALIVE_BYPASS_PROPERTY, "0");
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            if (kind == DatabaseKind.MARIADB) {
                Utf8mb4Check.connection(dataSource);
            }
            migrate(dataSource, kind, extraLocations);
            if (kind == DatabaseKind.MARIADB) {
                Utf8mb4Check.tables(dataSource);
            }
            return new Database(dataSource, kind, url);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void migrate(HikariDataSource dataSource, DatabaseKind kind, List<String> extraLocations) {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        locations.addAll(extraLocations);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .placeholders(kind.migrationPlaceholders())
                .failOnMissingLocations(true)
                .load();
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            if (kind != DatabaseKind.POSTGRESQL) {
                // H2 and MariaDB commit DDL implicitly, so Flyway records the failed migration and would refuse
                // every later start. Each migration is one statement and a failed DDL statement changes nothing,
                // so the record of the failure is all there is to remove. PostgreSQL rolls the whole migration
                // back and records nothing.
                flyway.repair();
            }
            throw new MigrationException("The database schema could not be migrated; nothing was changed. "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String trimmed = message.strip();
        int end = trimmed.indexOf('\n');
        return end < 0 ? trimmed : trimmed.substring(0, end).strip();
    }

    /** A migration failed; the message names it. */
    public static final class MigrationException extends RuntimeException {
        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Where the message journal of an embedded H2 database lives: next to its file, named after it
     * ({@code ./data/incident-scribe} gives {@code ./data/incident-scribe.journal}). Empty for PostgreSQL and
     * MariaDB (replicas: no replica's local file may hold the only copy of a message), for in-memory H2 (nothing
     * survives anyway) and for H2 reached over the network.
     */
    public Optional<Path> journalFile() {
        return kind == DatabaseKind.H2 ? h2JournalFile(url) : Optional.empty();
    }

    static Optional<Path> h2JournalFile(String url) {
        String name = url.substring("jdbc:h2:".length());
        int settings = name.indexOf(';');
        if (settings >= 0) {
            name = name.substring(0, settings);
        }
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        } else if (name.matches("^[a-zA-Z]{2,}:.*")) {
            return Optional.empty(); // mem:, tcp:, ssl:, zip:, nio: ...
        }
        if (name.isBlank()) {
            return Optional.empty();
        }
        if (name.startsWith("~")) {
            name = System.getProperty("user.home") + name.substring(1);
        }
        return Optional.of(Path.of(name + ".journal"));
    }

    /** The Jdbi instance over the pool. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** Which database this is. */
    public DatabaseKind kind() {
        return kind;
    }

    /** True when a trivial query answers. */
    public boolean isHealthy() {
        return answers(jdbi);
    }

    /** True when a trivial query answers through this Jdbi. */
    static boolean answers(Jdbi jdbi) {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

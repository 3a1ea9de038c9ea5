package dev.scribe.storage;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Fresh, isolated databases for tests: an H2 file, or a new schema on the PostgreSQL server or a new
 * database on the MariaDB server named by {@code SCRIBE_TEST_POSTGRES_URL} / {@code SCRIBE_TEST_MARIADB_URL}
 * (set by .ci/run). Without them those tests are skipped, saying how to run them, except under {@code CI=true},
 * where they fail ({@link #serverUrl}).
 */
public final class TestDatabases {

    /** Where a test database is and how to log in. */
    public record Target(DatabaseKind kind, String url, String user, String password, Runnable drop) {
    }

    private TestDatabases() {
    }

    /** A new empty database of the given kind; skips the test when that server is not configured. */
    public static Target create(DatabaseKind kind, Path tempDir) throws SQLException {
        String name = "scribe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (kind) {
            case H2:
                return new Target(kind, "jdbc:h2:file:" + tempDir.resolve(name) + ";WRITE_DELAY=0", null, null, () -> { });
            case POSTGRESQL: {
                String url = serverUrl("PostgreSQL", "SCRIBE_TEST_POSTGRES_URL",
                        "jdbc:postgresql://127.0.0.1:5432/test (user postgres, trust auth)",
                        "pg_ctlcluster --skip-systemctl-redirect <version> main start");
                String user = env("SCRIBE_TEST_POSTGRES_USER", "postgres");
                String password = env("SCRIBE_TEST_POSTGRES_PASSWORD", "");
                execute(url, user, password, "CREATE SCHEMA " + name);
                String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
                return new Target(kind, schemaUrl, user, password,
                        () -> quietly(url, user, password, "DROP SCHEMA " + name + " CASCADE"));
            }
            case MARIADB: {
                String url = serverUrl("MariaDB", "SCRIBE_TEST_MARIADB_URL",
                        "jdbc:mariadb://127.0.0.1:3306/test (user root, empty password)",
                        "start-stop-daemon --start --background --exec /usr/sbin/mariadbd");
                String user = env("SCRIBE_TEST_MARIADB_USER", "root");
                String password = env("SCRIBE_TEST_MARIADB_PASSWORD", "");
                execute(url, user, password, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
                String base = url.substring(0, url.lastIndexOf('/') + 1);
                return new Target(kind, base + name, user, password,
                        () -> quietly(url, user, password, "DROP DATABASE " + name));
            }
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    /**
     * The test server's URL from {@code variable}. Without it the test is skipped, saying how to run it; but under
     * {@code CI=true} it fails: CI machines have both servers, and a server that did not start must not turn its
     * tests into silent passes. The one place that decides, for every PostgreSQL and MariaDB test.
     */
    static String serverUrl(String server, String variable, String example, String startCommand) {
        String url = System.getenv(variable);
        if (url == null || url.isBlank()) {
            String how = "set " + variable + "=" + example + " to run them; .ci/run starts " + server
                    + " (" + startCommand + ") and sets it";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(server + " tests must run in CI (CI=true), but " + variable + " is not set: " + how);
            }
            assumeTrue(false, server + " tests skipped: " + how);
        }
        return url;
    }

    /** Opens the bot's database (migrations first) on a target. */
    public static Database open(Target target) {
        return Database.open(target.url(), target.user(), target.password());
    }

    static void execute(String url, String user, String password, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void quietly(String url, String user, String password, String sql) {
        try {
            execute(url, user, password, sql);
        } catch (SQLException e) {
            System.err.println("could not clean up a test database: " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}

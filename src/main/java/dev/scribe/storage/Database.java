package dev.scribe.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, migrated schema and Jdbi handle factory. Opening runs the migrations first, so
 * nothing talks to a schema older than the code.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DatabaseKind kind;

    private Database(HikariDataSource dataSource, DatabaseKind kind) {
        this.dataSource = dataSource;
        this.kind = kind;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    }

    /** Connects, migrates the schema to the newest version and returns the ready database. */
    public static Database open(String url, String user, String password) {
        DatabaseKind kind = DatabaseKind.of(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("scribe-db");
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            migrate(dataSource, kind);
            return new Database(dataSource, kind);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    private static void migrate(HikariDataSource dataSource, DatabaseKind kind) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(kind.migrationPlaceholders())
                .failOnMissingLocations(true)
                .load()
                .migrate();
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

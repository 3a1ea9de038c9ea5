package dev.scribe.storage;

import java.util.Map;

/** The databases the bot runs on, told apart by JDBC URL, with the few DDL words that differ. */
public enum DatabaseKind {
    H2("BIGINT AUTO_INCREMENT PRIMARY KEY", "VARCHAR(1000000)", ""),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "TEXT", ""),
    // utf8mb4 with a binary collation: emoji fit, and Slack ids and ts compare exactly.
    MARIADB("BIGINT AUTO_INCREMENT PRIMARY KEY", "MEDIUMTEXT",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    private final String idColumn;
    private final String textType;
    private final String tableOptions;

    DatabaseKind(String idColumn, String textType, String tableOptions) {
        this.idColumn = idColumn;
        this.textType = textType;
        this.tableOptions = tableOptions;
    }

    /** The kind for a JDBC URL; refuses URLs of databases the bot does not support. */
    public static DatabaseKind of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:mariadb:") || jdbcUrl.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        throw new IllegalArgumentException("SCRIBE_DB_URL must start with jdbc:h2:, jdbc:postgresql:, "
                + "jdbc:mariadb: or jdbc:mysql:");
    }

    /** The placeholders the migrations use. */
    Map<String, String> migrationPlaceholders() {
        return Map.of("id_column", idColumn, "text_type", textType, "table_options", tableOptions);
    }
}

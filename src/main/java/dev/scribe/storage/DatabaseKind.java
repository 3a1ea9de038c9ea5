package dev.scribe.storage;

import java.util.Map;

/** The databases the bot runs on, told apart by JDBC URL, with the few DDL words that differ. */
public enum DatabaseKind {
    H2("BIGINT AUTO_INCREMENT PRIMARY KEY", "VARCHAR(1000000)", "CLOB", ""),
    POSTGRESQL("BIGSERIAL PRIMARY KEY", "TEXT", "TEXT", ""),
    // utf8mb4 with a binary collation: emoji fit, and Slack ids and ts compare exactly.
    MARIADB("BIGINT AUTO_INCREMENT PRIMARY KEY", "MEDIUMTEXT", "LONGTEXT",
            " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin");

    private final String idColumn;
    private final String textType;
    private final String largeTextType;
    private final String tableOptions;

    /**
     * @param textType      a message's text (Slack caps messages at 40,000 characters)
     * @param largeTextType a whole report (a transcript of 100,000 messages runs to many megabytes)
     */
    DatabaseKind(String idColumn, String textType, String largeTextType, String tableOptions) {
        this.idColumn = idColumn;
        this.textType = textType;
        this.largeTextType = largeTextType;
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
        return Map.of("id_column", idColumn, "text_type", textType, "large_text_type", largeTextType,
                "table_options", tableOptions);
    }
}

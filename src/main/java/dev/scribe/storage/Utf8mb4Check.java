package dev.scribe.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * On MariaDB and MySQL, refuses to run unless the connection and every table of the bot store full
 * UTF-8 (utf8mb4). With utf8 (utf8mb3) an emoji in a message fails the insert: the incident that taught us
 * this lost its forums on staging.
 */
final class Utf8mb4Check {

    private Utf8mb4Check() {
    }

    /** The connection must send and read utf8mb4. */
    static void connection(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT @@character_set_client, @@character_set_connection, @@character_set_results")) {
            r.next();
            for (int i = 1; i <= 3; i++) {
                String charset = r.getString(i);
                if (charset == null || !charset.toLowerCase().startsWith("utf8mb4")) {
                    throw new IllegalStateException("The MariaDB/MySQL connection uses " + charset + ", which cannot store "
                            + "emoji. Use utf8mb4: remove any characterEncoding or sessionVariables that change it from "
                            + "SCRIBE_DB_URL, and set character-set-server=utf8mb4 on the server.");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the database's character set: " + e.getMessage(), e);
        }
    }

    /** Every text column of the bot's tables must be utf8mb4. */
    static void tables(DataSource dataSource) {
        List<String> wrong = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, CHARACTER_SET_NAME FROM information_schema.COLUMNS "
                     + "WHERE TABLE_SCHEMA = DATABASE() AND CHARACTER_SET_NAME IS NOT NULL "
                     + "AND CHARACTER_SET_NAME <> 'utf8mb4' AND TABLE_NAME <> 'flyway_schema_history' "
                     + "ORDER BY TABLE_NAME, COLUMN_NAME")) {
            while (r.next()) {
                wrong.add(r.getString(1) + "." + r.getString(2) + " (" + r.getString(3) + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not check the tables' character set: " + e.getMessage(), e);
        }
        if (!wrong.isEmpty()) {
            String table = wrong.get(0).substring(0, wrong.get(0).indexOf('.'));
            throw new IllegalStateException("These columns cannot store emoji: " + String.join(", ", wrong)
                    + ". Convert each table, e.g. ALTER TABLE " + table
                    + " CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, then start again.");
        }
    }
}

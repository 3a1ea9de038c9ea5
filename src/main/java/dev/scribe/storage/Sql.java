package dev.scribe.storage;

import java.sql.SQLException;

/** What a failed statement means, told the same way on every supported database. */
final class Sql {
    private Sql() {
    }

    /** True when the failure is a unique or primary key violation: the row is there already. */
    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                // 23505: H2 and PostgreSQL; 1062 (SQLState 23000): MariaDB and MySQL.
                if ("23505".equals(sql.getSQLState()) || sql.getErrorCode() == 1062) {
                    return true;
                }
            }
        }
        return false;
    }
}

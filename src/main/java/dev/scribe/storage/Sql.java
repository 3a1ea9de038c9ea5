package dev.scribe.storage;

import java.sql.SQLException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.JdbiException;

/** What a failed statement means, told the same way on every supported database. */
final class Sql {

    /** H2's error codes for a session that can never be used again. */
    private static final int H2_DATABASE_CLOSED = 90121;
    private static final int H2_CONNECTION_BROKEN = 90067;

    private Sql() {
    }

    /**
     * Runs {@code work}; when the database refuses it with a duplicate key (the row is there already: a retry, or
     * another request or replica that was first), returns what {@code ifDuplicate} makes of that failure instead, or
     * throws what it throws. Every other failure is thrown as it is. The one way this code base tells a duplicate,
     * as each of these sites relies on the database's unique keys rather than on a check beforehand.
     */
    static <T> T onDuplicateKey(Supplier<T> work, Function<JdbiException, T> ifDuplicate) {
        try {
            return work.get();
        } catch (JdbiException e) {
            if (isDuplicateKey(e)) {
                return ifDuplicate.apply(e);
            }
            throw e;
        }
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

    /**
     * True when the failure is the database being out of reach (no connection could be had, or it broke), not a
     * refusal of the statement: trying the same work again at once, one row at a time, would only wait again.
     */
    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.jdbi.v3.core.ConnectionException || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && (sql.getSQLState() != null && sql.getSQLState().startsWith("08")
                    || sql.getErrorCode() == H2_DATABASE_CLOSED || sql.getErrorCode() == H2_CONNECTION_BROKEN)) {
                // SQLState class 08 is a connection exception on every database; H2's client reports a session whose
                // server went away with codes of its own instead.
                return true;
            }
        }
        return false;
    }
}

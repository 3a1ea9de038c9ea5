package dev.scribe.storage;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;

/**
 * Tells the pool which failures mean the connection itself is dead, so it is thrown away instead of lent again.
 *
 * <p>Why: the pool evicts a connection on SQLState class 08, but H2's client reports a session whose server went
 * away as 90121 ("database is already closed") or 90067 ("connection is broken"), and the pool checks a connection
 * it lends only when it was idle for half a second. Under steady traffic (or a health check polled often) the same
 * dead connections were lent forever after the database came back, and every event was refused with 503.
 */
public final class BrokenConnections implements SQLExceptionOverride {

    /** H2's error codes for a session that can never be used again. */
    private static final int H2_DATABASE_CLOSED = 90121;
    private static final int H2_CONNECTION_BROKEN = 90067;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == H2_DATABASE_CLOSED
                    || sql.getErrorCode() == H2_CONNECTION_BROKEN
                    || (sql.getSQLState() != null && sql.getSQLState().startsWith("08")))) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}

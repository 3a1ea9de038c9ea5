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

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        return Sql.isConnectionFailure(e) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
    }
}

package dev.scribe.storage;

import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code command_invocations} table. */
interface CommandInvocationDao {

    /** Fails with a duplicate key when the trigger id is there already. */
    @SqlUpdate("INSERT INTO command_invocations (trigger_id, received_at_us) VALUES (:triggerId, :receivedAtUs)")
    void insert(@Bind("triggerId") String triggerId, @Bind("receivedAtUs") long receivedAtUs);

    @SqlUpdate("DELETE FROM command_invocations WHERE received_at_us < :beforeUs")
    int deleteReceivedBefore(@Bind("beforeUs") long beforeUs);
}

package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code timeline_entries} table. */
@RegisterConstructorMapper(EntryRow.class)
interface EntryDao {

    @SqlUpdate("INSERT INTO timeline_entries (incident_number, kind, at_us, author_id, body, message_ts, created_at_us) "
            + "VALUES (:incident, :kind, :atUs, :authorId, :body, :messageTs, :createdAtUs)")
    void insert(@Bind("incident") int incident, @Bind("kind") String kind, @Bind("atUs") long atUs,
                @Bind("authorId") String authorId, @Bind("body") String body, @Bind("messageTs") String messageTs,
                @Bind("createdAtUs") long createdAtUs);

    @SqlQuery("SELECT at_us, kind, author_id, body, message_ts FROM timeline_entries "
            + "WHERE incident_number = :incident ORDER BY at_us, id")
    List<EntryRow> forIncident(@Bind("incident") int incident);
}

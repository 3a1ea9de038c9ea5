package dev.scribe.storage;

import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
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

    /** The entries of several incidents, each row with its incident's number. */
    @RegisterConstructorMapper(NumberedEntryRow.class)
    @SqlQuery("SELECT incident_number, at_us, kind, author_id, body, message_ts FROM timeline_entries "
            + "WHERE incident_number IN (<incidents>)")
    List<NumberedEntryRow> forIncidents(@BindList("incidents") Collection<Integer> incidents);

    /**
     * The recorded, not deleted messages marked in several incidents, one row per mark (a message several people
     * marked comes once per mark), as timeline entries at the message's time. An incident's messages are all in its channel, so the ts names
     * the message.
     */
    @RegisterConstructorMapper(NumberedEntryRow.class)
    @SqlQuery("SELECT k.incident_number, g.posted_at_us AS at_us, k.kind, g.author_id, g.body, g.ts AS message_ts "
            + "FROM marks k JOIN messages g ON g.channel_id = k.channel_id AND g.ts = k.ts "
            + "AND g.incident_number = k.incident_number "
            + "WHERE k.incident_number IN (<incidents>) AND g.deleted_at_us IS NULL")
    List<NumberedEntryRow> markedInIncidents(@BindList("incidents") Collection<Integer> incidents);
}

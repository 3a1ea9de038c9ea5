package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code timeline_messages} table, and whether a message is recorded in an incident. */
@RegisterConstructorMapper(AddedMessageRow.class)
interface AddedMessageDao {

    @SqlUpdate("INSERT INTO timeline_messages (incident_number, channel_id, ts, thread_ts, author_id, body, posted_at_us, "
            + "kind, added_by, note, permalink, added_at_us) VALUES (:incident, :channelId, :ts, :threadTs, :authorId, "
            + ":body, :postedAtUs, :kind, :addedBy, :note, :permalink, :addedAtUs)")
    void insert(@Bind("incident") int incident, @Bind("channelId") String channelId, @Bind("ts") String ts,
                @Bind("threadTs") String threadTs, @Bind("authorId") String authorId, @Bind("body") String body,
                @Bind("postedAtUs") long postedAtUs, @Bind("kind") String kind, @Bind("addedBy") String addedBy,
                @Bind("note") String note, @Bind("permalink") String permalink, @Bind("addedAtUs") long addedAtUs);

    @SqlUpdate("UPDATE timeline_messages SET permalink = :permalink "
            + "WHERE incident_number = :incident AND channel_id = :channelId AND ts = :ts")
    int setPermalink(@Bind("incident") int incident, @Bind("channelId") String channelId, @Bind("ts") String ts,
                     @Bind("permalink") String permalink);

    @SqlQuery("SELECT channel_id, ts, thread_ts, author_id, body, posted_at_us, kind, added_by, note, permalink "
            + "FROM timeline_messages WHERE incident_number = :incident ORDER BY posted_at_us, channel_id, ts")
    List<AddedMessageRow> forIncident(@Bind("incident") int incident);

    @SqlQuery("SELECT COUNT(*) FROM messages WHERE incident_number = :incident AND channel_id = :channelId "
            + "AND ts = :ts AND deleted_at_us IS NULL")
    int recorded(@Bind("incident") int incident, @Bind("channelId") String channelId, @Bind("ts") String ts);
}

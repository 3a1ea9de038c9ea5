package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code marks} table. */
@RegisterConstructorMapper(MarkRow.class)
interface MarkDao {

    @SqlUpdate("INSERT INTO marks (channel_id, ts, reaction, user_id, incident_number, kind, marked_at_us) "
            + "VALUES (:channelId, :ts, :reaction, :userId, :incident, :kind, :markedAtUs)")
    void insert(@Bind("channelId") String channelId, @Bind("ts") String ts, @Bind("reaction") String reaction,
                @Bind("userId") String userId, @Bind("incident") int incident, @Bind("kind") String kind,
                @Bind("markedAtUs") long markedAtUs);

    @SqlUpdate("DELETE FROM marks WHERE channel_id = :channelId AND ts = :ts AND reaction = :reaction AND user_id = :userId")
    int delete(@Bind("channelId") String channelId, @Bind("ts") String ts, @Bind("reaction") String reaction,
               @Bind("userId") String userId);

    @SqlQuery("SELECT channel_id, ts, kind, user_id FROM marks WHERE incident_number = :incident ORDER BY marked_at_us")
    List<MarkRow> forIncident(@Bind("incident") int incident);
}

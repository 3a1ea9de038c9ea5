package dev.scribe.storage;

import dev.scribe.incident.Announcements.Announcement;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code incident_announcements}. */
@RegisterConstructorMapper(Announcement.class)
public interface AnnouncementDao {

    @SqlUpdate("INSERT INTO incident_announcements (incident_number, channel_id, message_ts) "
            + "VALUES (:incident, :channelId, :ts)")
    void insert(@Bind("incident") int incident, @Bind("channelId") String channelId, @Bind("ts") String ts);

    @SqlQuery("SELECT incident_number, channel_id, message_ts FROM incident_announcements "
            + "WHERE incident_number = :incident")
    Optional<Announcement> find(@Bind("incident") int incident);
}

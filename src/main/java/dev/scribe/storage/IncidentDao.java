package dev.scribe.storage;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code incidents} table. */
@RegisterConstructorMapper(IncidentRow.class)
public interface IncidentDao {

    String COLUMNS = "incident_number, title, severity, status, channel_id, open_channel_id, origin_channel_id, "
            + "commander_id, opened_by, started_at_us, closed_at_us, resolution, header_ts";

    @SqlQuery("SELECT COALESCE(MAX(incident_number), 0) + 1 FROM incidents")
    int nextNumber();

    @SqlUpdate("INSERT INTO incidents (" + COLUMNS + ") VALUES (:incidentNumber, :title, :severity, :status, "
            + ":channelId, :openChannelId, :originChannelId, :commanderId, :openedBy, :startedAtUs, :closedAtUs, "
            + ":resolution, :headerTs)")
    void insert(@BindMethods IncidentRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE open_channel_id = :channelId")
    Optional<IncidentRow> findOpenInChannel(@Bind("channelId") String channelId);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE incident_number = :number")
    Optional<IncidentRow> find(@Bind("number") int number);

    /** Closes an open incident; 0 rows when it was closed already (by another request or replica). */
    @SqlUpdate("UPDATE incidents SET closed_at_us = :closedAtUs, open_channel_id = NULL, resolution = :resolution "
            + "WHERE incident_number = :number AND closed_at_us IS NULL")
    int close(@Bind("number") int number, @Bind("closedAtUs") long closedAtUs, @Bind("resolution") String resolution);

    @SqlUpdate("UPDATE incidents SET header_ts = :ts WHERE incident_number = :number")
    void setHeaderTs(@Bind("number") int number, @Bind("ts") String ts);
}

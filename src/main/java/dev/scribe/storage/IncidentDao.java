package dev.scribe.storage;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code incidents} table. */
@RegisterConstructorMapper(IncidentRow.class)
interface IncidentDao {

    String COLUMNS = "incident_number, title, severity, status, channel_id, open_channel_id, origin_channel_id, "
            + "commander_id, opened_by, started_at_us, closed_at_us, resolution, header_ts, close_count";

    /** Takes the next number; the row stays locked until the transaction ends. */
    @SqlUpdate("UPDATE incident_numbers SET last_number = last_number + 1 WHERE id = 1")
    void takeNextNumber();

    @SqlQuery("SELECT last_number FROM incident_numbers WHERE id = 1")
    int lastNumber();

    @SqlUpdate("INSERT INTO incidents (" + COLUMNS + ") VALUES (:incidentNumber, :title, :severity, :status, "
            + ":channelId, :openChannelId, :originChannelId, :commanderId, :openedBy, :startedAtUs, :closedAtUs, "
            + ":resolution, :headerTs, :closeCount)")
    void insert(@BindMethods IncidentRow row);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE open_channel_id = :channelId")
    Optional<IncidentRow> findOpenInChannel(@Bind("channelId") String channelId);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE incident_number = :number")
    Optional<IncidentRow> find(@Bind("number") int number);

    /** Closes an open incident; 0 rows when it was closed already (by another request or replica). */
    @SqlUpdate("UPDATE incidents SET closed_at_us = :closedAtUs, open_channel_id = NULL, resolution = :resolution, "
            + "close_count = close_count + 1 "
            + "WHERE incident_number = :number AND closed_at_us IS NULL")
    int close(@Bind("number") int number, @Bind("closedAtUs") long closedAtUs, @Bind("resolution") String resolution);

    @SqlUpdate("UPDATE incidents SET status = :status WHERE incident_number = :number")
    void setStatus(@Bind("number") int number, @Bind("status") String status);

    @SqlUpdate("UPDATE incidents SET severity = :severity WHERE incident_number = :number")
    void setSeverity(@Bind("number") int number, @Bind("severity") String severity);

    @SqlUpdate("UPDATE incidents SET commander_id = :userId WHERE incident_number = :number")
    void setCommander(@Bind("number") int number, @Bind("userId") String userId);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE channel_id = :channelId AND closed_at_us IS NOT NULL "
            + "ORDER BY closed_at_us DESC, incident_number DESC")
    java.util.List<IncidentRow> closedInChannel(@Bind("channelId") String channelId);

    /** Reopens a closed incident; fails on the UNIQUE open_channel_id if the channel has another open one. */
    @SqlUpdate("UPDATE incidents SET closed_at_us = NULL, open_channel_id = channel_id, resolution = NULL "
            + "WHERE incident_number = :number AND closed_at_us IS NOT NULL")
    int reopen(@Bind("number") int number);

    /** One page of incidents, newest first ({@code limit} rows from {@code offset}). */
    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE severity IN (<severities>) AND status IN (<statuses>) "
            + "AND started_at_us >= :fromUs AND started_at_us < :beforeUs "
            + "AND ((:open = 1 AND closed_at_us IS NULL) OR (:closed = 1 AND closed_at_us IS NOT NULL)) "
            + "ORDER BY started_at_us DESC, incident_number DESC LIMIT :limit OFFSET :offset")
    java.util.List<IncidentRow> page(@BindList("severities") java.util.List<String> severities,
                                     @BindList("statuses") java.util.List<String> statuses,
                                     @Bind("fromUs") long fromUs, @Bind("beforeUs") long beforeUs,
                                     @Bind("open") int open, @Bind("closed") int closed,
                                     @Bind("limit") int limit, @Bind("offset") int offset);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE closed_at_us IS NULL ORDER BY incident_number")
    java.util.List<IncidentRow> listOpen();

    /** Locks the incident's row until the transaction ends, changing nothing. */
    @SqlUpdate("UPDATE incidents SET close_count = close_count WHERE incident_number = :number")
    void lock(@Bind("number") int number);

    @SqlQuery("SELECT " + COLUMNS + " FROM incidents WHERE closed_at_us IS NOT NULL "
            + "ORDER BY closed_at_us DESC, incident_number DESC LIMIT :limit")
    java.util.List<IncidentRow> lastClosed(@Bind("limit") int limit);

    @SqlUpdate("UPDATE incidents SET header_ts = :ts WHERE incident_number = :number")
    void setHeaderTs(@Bind("number") int number, @Bind("ts") String ts);
}

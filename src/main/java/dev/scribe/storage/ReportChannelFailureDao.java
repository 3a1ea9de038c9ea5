package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code report_channel_failures}: channels failing a report's posts, and those parked for it. */
@RegisterConstructorMapper(ReportChannelFailureRow.class)
interface ReportChannelFailureDao {

    /** The first failure of a channel for a report; a duplicate key when it is failing already. */
    @SqlUpdate("INSERT INTO report_channel_failures (incident_number, close_count, channel_id, failing_since_us, error) "
            + "VALUES (:incident, :closeCount, :channel, :now, :error)")
    void insert(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("channel") String channel,
                @Bind("now") long now, @Bind("error") String error);

    @SqlUpdate("UPDATE report_channel_failures SET error = :error WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND channel_id = :channel")
    int updateError(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("channel") String channel,
                    @Bind("error") String error);

    @SqlQuery("SELECT failing_since_us FROM report_channel_failures WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND channel_id = :channel")
    Long failingSince(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("channel") String channel);

    /** Parks the channel; 0 rows when it was parked already (or is not failing). */
    @SqlUpdate("UPDATE report_channel_failures SET parked_at_us = :now, error = :error WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND channel_id = :channel AND parked_at_us IS NULL")
    int park(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("channel") String channel,
             @Bind("now") long now, @Bind("error") String error);

    @SqlUpdate("DELETE FROM report_channel_failures WHERE incident_number = :incident AND close_count = :closeCount "
            + "AND channel_id = :channel AND parked_at_us IS NULL")
    void recovered(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("channel") String channel);

    @SqlUpdate("DELETE FROM report_channel_failures WHERE incident_number = :incident AND close_count = :closeCount")
    void forget(@Bind("incident") int incident, @Bind("closeCount") int closeCount);

    @SqlQuery("SELECT channel_id FROM report_channel_failures WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND parked_at_us IS NOT NULL")
    List<String> parkedChannels(@Bind("incident") int incident, @Bind("closeCount") int closeCount);

    /** Every parked channel that still has posts waiting, oldest first. */
    @SqlQuery("SELECT f.incident_number, f.close_count, f.channel_id, f.error, f.parked_at_us FROM report_channel_failures f "
            + "WHERE f.parked_at_us IS NOT NULL AND EXISTS (SELECT 1 FROM report_posts p WHERE p.incident_number = "
            + "f.incident_number AND p.close_count = f.close_count AND p.channel_id = f.channel_id AND p.done = FALSE) "
            + "ORDER BY f.parked_at_us, f.incident_number")
    List<ReportChannelFailureRow> parked();
}

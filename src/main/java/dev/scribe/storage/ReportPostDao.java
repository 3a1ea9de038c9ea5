package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code report_posts} outbox. */
@RegisterConstructorMapper(ReportPostRow.class)
@RegisterConstructorMapper(ReportKeyRow.class)
interface ReportPostDao {

    /** A post whose channel is not parked for its report (report_channel_failures, V23). */
    String NOT_PARKED = "AND NOT EXISTS (SELECT 1 FROM report_channel_failures f WHERE f.incident_number = report_posts.incident_number "
            + "AND f.close_count = report_posts.close_count AND f.channel_id = report_posts.channel_id "
            + "AND f.parked_at_us IS NOT NULL) ";

    @SqlUpdate("INSERT INTO report_posts (incident_number, close_count, seq, kind, channel_id, payload, file_name, "
            + "next_attempt_us, created_at_us) VALUES (:incident, :closeCount, :seq, :kind, :channelId, :payload, "
            + ":fileName, :now, :now)")
    void insert(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("seq") int seq,
                @Bind("kind") String kind, @Bind("channelId") String channelId, @Bind("payload") String payload,
                @Bind("fileName") String fileName, @Bind("now") long now);

    /** Closed incidents whose latest close has no report stored, with that close: one query, however many. */
    @SqlQuery("SELECT i.incident_number, i.close_count FROM incidents i WHERE i.closed_at_us IS NOT NULL "
            + "AND i.close_count > 0 AND NOT EXISTS (SELECT 1 FROM report_posts p WHERE p.incident_number = i.incident_number "
            + "AND p.close_count = i.close_count) ORDER BY i.incident_number")
    List<ReportKeyRow> missingReports();

    /** Reports with posts due, leaving out posts to a channel parked for their report. */
    @SqlQuery("SELECT incident_number, close_count FROM report_posts WHERE done = FALSE AND next_attempt_us <= :now "
            + "AND (claimed_until_us IS NULL OR claimed_until_us < :now) " + NOT_PARKED
            + "GROUP BY incident_number, close_count ORDER BY incident_number, close_count")
    List<ReportKeyRow> due(@Bind("now") long now);

    /**
     * Takes the lease on a report's pending posts, but those to a parked channel; 0 rows when someone else holds it
     * or nothing is pending.
     */
    @SqlUpdate("UPDATE report_posts SET claimed_by = :worker, claimed_until_us = :until, attempts = attempts + 1 "
            + "WHERE incident_number = :incident AND close_count = :closeCount AND done = FALSE "
            + "AND next_attempt_us <= :now AND (claimed_until_us IS NULL OR claimed_until_us < :now) " + NOT_PARKED)
    int claim(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("worker") String worker,
              @Bind("now") long now, @Bind("until") long until);

    @SqlQuery("SELECT incident_number, close_count, seq, kind, channel_id, payload, file_name, posted_ref, done, "
            + "attempts, claimed_by, created_at_us FROM report_posts WHERE incident_number = :incident AND close_count = :closeCount "
            + "ORDER BY seq")
    List<ReportPostRow> report(@Bind("incident") int incident, @Bind("closeCount") int closeCount);

    @SqlUpdate("UPDATE report_posts SET posted_ref = :ref WHERE incident_number = :incident AND close_count = :closeCount "
            + "AND seq = :seq AND claimed_by = :worker")
    int progress(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("seq") int seq,
                 @Bind("ref") String ref, @Bind("worker") String worker);

    @SqlUpdate("UPDATE report_posts SET done = TRUE, posted_ref = :ref, claimed_by = NULL, claimed_until_us = NULL, "
            + "last_error = NULL WHERE incident_number = :incident AND close_count = :closeCount AND seq = :seq "
            + "AND claimed_by = :worker")
    int done(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("seq") int seq,
             @Bind("ref") String ref, @Bind("worker") String worker);

    /** Stores a notice already leased to the worker that is about to post it: counted as claimed once. */
    @SqlUpdate("INSERT INTO report_posts (incident_number, close_count, seq, kind, channel_id, payload, file_name, "
            + "next_attempt_us, created_at_us, attempts, claimed_by, claimed_until_us) VALUES (:incident, :closeCount, "
            + ":seq, :kind, :channelId, :payload, :fileName, :now, :now, 1, :worker, :until)")
    void insertLeased(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("seq") int seq,
                      @Bind("kind") String kind, @Bind("channelId") String channelId, @Bind("payload") String payload,
                      @Bind("fileName") String fileName, @Bind("now") long now, @Bind("worker") String worker,
                      @Bind("until") long until);

    /** Makes a report's pending posts due at {@code now} (a lease held on them stays held). */
    @SqlUpdate("UPDATE report_posts SET next_attempt_us = :now "
            + "WHERE incident_number = :incident AND close_count = :closeCount AND done = FALSE")
    int makeDue(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("now") long now);

    /** Posts not yet accepted by Slack, for /metrics: one aggregate, read only when scraped. */
    @SqlQuery("SELECT COUNT(*) FROM report_posts WHERE done = FALSE")
    long pendingCount();

    /** When the oldest pending post was stored (epoch microseconds); null when none is pending. */
    @SqlQuery("SELECT MIN(created_at_us) FROM report_posts WHERE done = FALSE")
    Long oldestPendingUs();

    @SqlUpdate("UPDATE report_posts SET claimed_by = NULL, claimed_until_us = NULL, next_attempt_us = :next, "
            + "last_error = :error WHERE incident_number = :incident AND close_count = :closeCount AND done = FALSE "
            + "AND claimed_by = :worker")
    int release(@Bind("incident") int incident, @Bind("closeCount") int closeCount, @Bind("worker") String worker,
                @Bind("next") long next, @Bind("error") String error);
}

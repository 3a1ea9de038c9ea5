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

    @SqlQuery("SELECT incident_number, close_count FROM report_posts WHERE done = FALSE AND next_attempt_us <= :now "
            + "AND (claimed_until_us IS NULL OR claimed_until_us < :now) GROUP BY incident_number, close_count "
            + "ORDER BY incident_number, close_count")
    List<ReportKeyRow> due(@Bind("now") long now);

    /** Takes the lease on a report's pending posts; 0 rows when someone else holds it or nothing is pending. */
    @SqlUpdate("UPDATE report_posts SET claimed_by = :worker, claimed_until_us = :until, attempts = attempts + 1 "
            + "WHERE incident_number = :incident AND close_count = :closeCount AND done = FALSE "
            + "AND next_attempt_us <= :now AND (claimed_until_us IS NULL OR claimed_until_us < :now)")
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

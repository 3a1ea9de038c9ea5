package dev.scribe.storage;

import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code reminders} table and of what schedules them. */
@RegisterConstructorMapper(OpenIncidentActivityRow.class)
@RegisterConstructorMapper(ClosedIncidentRow.class)
interface ReminderDao {

    /** Each open incident with its latest activity and reminders, in one query however many are open. */
    @SqlQuery("SELECT i.incident_number, i.channel_id, i.commander_id, i.close_count, i.status, i.started_at_us, "
            + "(SELECT MAX(e.created_at_us) FROM timeline_entries e WHERE e.incident_number = i.incident_number) AS last_entry_us, "
            + "(SELECT MAX(m.marked_at_us) FROM marks m WHERE m.incident_number = i.incident_number) AS last_mark_us, "
            + "(SELECT MAX(r.sent_at_us) FROM reminders r WHERE r.incident_number = i.incident_number "
            + "AND r.kind = 'UPDATE') AS last_update_reminder_us, "
            + "(SELECT MAX(e.created_at_us) FROM timeline_entries e WHERE e.incident_number = i.incident_number "
            + "AND e.kind = 'STATUS' AND e.body = 'resolved') AS resolved_status_us, "
            + "(SELECT MIN(m.marked_at_us) FROM marks m WHERE m.incident_number = i.incident_number "
            + "AND m.kind = 'RESOLVED') AS resolved_mark_us, "
            + "(SELECT COUNT(*) FROM reminders r WHERE r.incident_number = i.incident_number AND r.kind = 'CLOSE' "
            + "AND r.occurrence = i.close_count) AS close_reminders "
            + "FROM incidents i WHERE i.closed_at_us IS NULL ORDER BY i.incident_number")
    List<OpenIncidentActivityRow> openIncidents();

    /** Incidents whose latest close is in the range, with its posted summary, and no action reminder for it yet. */
    @SqlQuery("SELECT i.incident_number, i.channel_id, i.commander_id, i.close_count, i.closed_at_us, p.posted_ref AS summary_ts "
            + "FROM incidents i JOIN report_posts p ON p.incident_number = i.incident_number "
            + "AND p.close_count = i.close_count AND p.kind = 'SUMMARY' AND p.done = TRUE "
            + "WHERE i.closed_at_us IS NOT NULL AND i.closed_at_us >= :from AND i.closed_at_us <= :to "
            + "AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.incident_number = i.incident_number "
            + "AND r.kind = 'ACTION' AND r.occurrence = i.close_count) ORDER BY i.incident_number")
    List<ClosedIncidentRow> closedBetween(@Bind("from") long from, @Bind("to") long to);

    /**
     * Locks the incident's row until the transaction ends, if it is still open with this close count: 0 rows when it
     * is not (a close waits for the lock, so it cannot slip in before the reminder is claimed).
     */
    @SqlUpdate("UPDATE incidents SET close_count = close_count WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND closed_at_us IS NULL")
    int lockIfOpen(@Bind("incident") int incident, @Bind("closeCount") int closeCount);

    /** As {@link #lockIfOpen}, for a closed incident whose latest close is this one. */
    @SqlUpdate("UPDATE incidents SET close_count = close_count WHERE incident_number = :incident "
            + "AND close_count = :closeCount AND closed_at_us IS NOT NULL")
    int lockIfClosed(@Bind("incident") int incident, @Bind("closeCount") int closeCount);

    /** Timeline entries and marks added to the incident after {@code since}: activity that puts an update reminder off. */
    @SqlQuery("SELECT (SELECT COUNT(*) FROM timeline_entries e WHERE e.incident_number = :incident "
            + "AND e.created_at_us > :since) + (SELECT COUNT(*) FROM marks m WHERE m.incident_number = :incident "
            + "AND m.marked_at_us > :since)")
    long activitySince(@Bind("incident") int incident, @Bind("since") long since);

    /** Takes a reminder; a duplicate key when some replica took it before. */
    @SqlUpdate("INSERT INTO reminders (incident_number, kind, occurrence, sent_by, sent_at_us) "
            + "VALUES (:incident, :kind, :occurrence, :worker, :now)")
    void insert(@Bind("incident") int incident, @Bind("kind") String kind, @Bind("occurrence") long occurrence,
                @Bind("worker") String worker, @Bind("now") long now);

    @SqlUpdate("UPDATE reminders SET posted_ts = :ts WHERE incident_number = :incident AND kind = :kind "
            + "AND occurrence = :occurrence")
    void posted(@Bind("incident") int incident, @Bind("kind") String kind, @Bind("occurrence") long occurrence,
                @Bind("ts") String ts);
}

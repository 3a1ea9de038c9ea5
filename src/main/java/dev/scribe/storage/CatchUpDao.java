package dev.scribe.storage;

import dev.scribe.incident.CatchUps.MarkedReaction;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of {@code catch_ups} and {@code catch_up_recoveries}. Every claim is one UPDATE, so two replicas never share one. */
@RegisterConstructorMapper(CatchUpRow.class)
@RegisterConstructorMapper(RecoveryRow.class)
@RegisterConstructorMapper(MarkedReaction.class)
interface CatchUpDao {

    @SqlUpdate("INSERT INTO catch_ups (incident_number, requested_at_us, next_attempt_us) VALUES (:incident, :at, :at)")
    void insert(@Bind("incident") int incident, @Bind("at") long at);

    /** A catch-up nobody has started yet reads up to the newer request instead. */
    @SqlUpdate("UPDATE catch_ups SET requested_at_us = :at WHERE incident_number = :incident AND requested_at_us < :at "
            + "AND resume_before_ts IS NULL AND claimed_by IS NULL")
    int moveOn(@Bind("incident") int incident, @Bind("at") long at);

    /** One under way (or started and given back) asks for another read once it ends. */
    @SqlUpdate("UPDATE catch_ups SET again_at_us = :at WHERE incident_number = :incident AND requested_at_us < :at "
            + "AND (again_at_us IS NULL OR again_at_us < :at) AND (resume_before_ts IS NOT NULL OR claimed_by IS NOT NULL)")
    int again(@Bind("incident") int incident, @Bind("at") long at);

    @SqlQuery("SELECT incident_number FROM catch_ups WHERE next_attempt_us <= :now "
            + "AND (claimed_until_us IS NULL OR claimed_until_us < :now) ORDER BY requested_at_us, incident_number")
    List<Integer> due(@Bind("now") long now);

    @SqlUpdate("UPDATE catch_ups SET claimed_by = :worker, claimed_until_us = :until, attempts = attempts + 1 "
            + "WHERE incident_number = :incident AND next_attempt_us <= :now "
            + "AND (claimed_until_us IS NULL OR claimed_until_us < :now)")
    int claim(@Bind("incident") int incident, @Bind("worker") String worker, @Bind("now") long now,
              @Bind("until") long until);

    @SqlQuery("SELECT incident_number, requested_at_us, resume_before_ts, recovered, first_recovered_us, attempts "
            + "FROM catch_ups WHERE incident_number = :incident AND claimed_by = :worker")
    Optional<CatchUpRow> claimed(@Bind("incident") int incident, @Bind("worker") String worker);

    @SqlUpdate("UPDATE catch_ups SET claimed_until_us = :until WHERE incident_number = :incident AND claimed_by = :worker")
    int renew(@Bind("incident") int incident, @Bind("worker") String worker, @Bind("until") long until);

    @SqlUpdate("UPDATE catch_ups SET resume_before_ts = :resumeBefore, recovered = :recovered, "
            + "first_recovered_us = :firstRecovered, claimed_until_us = :until "
            + "WHERE incident_number = :incident AND claimed_by = :worker")
    int progress(@Bind("incident") int incident, @Bind("worker") String worker,
                 @Bind("resumeBefore") String resumeBefore, @Bind("recovered") int recovered,
                 @Bind("firstRecovered") Long firstRecovered, @Bind("until") long until);

    @SqlUpdate("DELETE FROM catch_ups WHERE incident_number = :incident AND claimed_by = :worker AND again_at_us IS NULL")
    int delete(@Bind("incident") int incident, @Bind("worker") String worker);

    /** The read asked for while this one ran starts afresh, due now. */
    @SqlUpdate("UPDATE catch_ups SET requested_at_us = again_at_us, again_at_us = NULL, resume_before_ts = NULL, "
            + "recovered = 0, first_recovered_us = NULL, attempts = 0, next_attempt_us = :now, claimed_by = NULL, "
            + "claimed_until_us = NULL WHERE incident_number = :incident AND claimed_by = :worker")
    int startAgain(@Bind("incident") int incident, @Bind("worker") String worker, @Bind("now") long now);

    @SqlUpdate("UPDATE catch_ups SET claimed_by = NULL, claimed_until_us = NULL, next_attempt_us = :next "
            + "WHERE incident_number = :incident AND claimed_by = :worker")
    int release(@Bind("incident") int incident, @Bind("worker") String worker, @Bind("next") long next);

    @SqlUpdate("INSERT INTO catch_up_recoveries (incident_number, finished_at_us, messages, from_us, until_us) "
            + "VALUES (:incident, :finished, :messages, :from, :until)")
    void recovered(@Bind("incident") int incident, @Bind("finished") long finished, @Bind("messages") int messages,
                   @Bind("from") long from, @Bind("until") long until);

    @SqlQuery("SELECT messages, from_us, until_us FROM catch_up_recoveries WHERE incident_number = :incident "
            + "ORDER BY until_us")
    List<RecoveryRow> recoveries(@Bind("incident") int incident);

    /** Whether the incident's channel is being read back: asked for, or held by a replica. */
    @SqlQuery("SELECT COUNT(*) FROM catch_ups WHERE incident_number = :incident")
    int pending(@Bind("incident") int incident);

    @SqlQuery("SELECT ts, reaction, user_id FROM marks WHERE incident_number = :incident")
    List<MarkedReaction> markedReactions(@Bind("incident") int incident);
}

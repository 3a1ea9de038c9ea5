package dev.scribe.storage;

import dev.scribe.slack.HomeViewers;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** {@link HomeViewers} in the {@code home_viewers} table. */
public final class JdbiHomeViewers implements HomeViewers {

    /** SQL of the {@code home_viewers} table. */
    interface HomeViewerDao {
        @SqlUpdate("UPDATE home_viewers SET opened_at_us = :at WHERE user_id = :user")
        int touch(@Bind("user") String userId, @Bind("at") long atUs);

        @SqlUpdate("INSERT INTO home_viewers (user_id, opened_at_us) VALUES (:user, :at)")
        void insert(@Bind("user") String userId, @Bind("at") long atUs);

        @SqlQuery("SELECT user_id FROM home_viewers WHERE opened_at_us >= :since ORDER BY opened_at_us DESC")
        List<String> since(@Bind("since") long sinceUs);
    }

    private final Jdbi jdbi;
    private final HomeViewerDao dao;

    public JdbiHomeViewers(Database database) {
        this.jdbi = database.jdbi();
        this.dao = jdbi.onDemand(HomeViewerDao.class);
    }

    @Override
    public void opened(String userId, Instant at) {
        long us = Micros.of(at);
        if (dao.touch(userId, us) == 0) {
            // Two opens at once (two replicas): the second insert finds the row there, which is all it wanted.
            Sql.onDuplicateKey(() -> {
                dao.insert(userId, us);
                return true;
            }, e -> dao.touch(userId, us) > 0);
        }
    }

    @Override
    public List<String> openedSince(Instant since) {
        return dao.since(Micros.of(since));
    }
}

package dev.scribe.storage;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL of the {@code web_sign_in_links} and {@code web_sessions} tables; tokens are only ever given as hashes. */
interface WebAccessDao {

    /** A stored sign-in link or session: who it is for and until when. */
    record AccessRow(String userId, String teamId, long expiresAtUs, Long usedAtUs) {
    }

    @SqlUpdate("INSERT INTO web_sign_in_links (token_hash, user_id, team_id, created_at_us, expires_at_us) "
            + "VALUES (:hash, :userId, :teamId, :nowUs, :expiresAtUs)")
    void insertLink(@Bind("hash") String hash, @Bind("userId") String userId, @Bind("teamId") String teamId,
                    @Bind("nowUs") long nowUs, @Bind("expiresAtUs") long expiresAtUs);

    @SqlQuery("SELECT user_id, team_id, expires_at_us, used_at_us FROM web_sign_in_links WHERE token_hash = :hash")
    @RegisterConstructorMapper(AccessRow.class)
    Optional<AccessRow> findLink(@Bind("hash") String hash);

    /** 1 for the one request that redeems the link, 0 for every other (used already, or expired meanwhile). */
    @SqlUpdate("UPDATE web_sign_in_links SET used_at_us = :nowUs "
            + "WHERE token_hash = :hash AND used_at_us IS NULL AND expires_at_us > :nowUs")
    int markUsed(@Bind("hash") String hash, @Bind("nowUs") long nowUs);

    @SqlUpdate("INSERT INTO web_sessions (session_hash, user_id, team_id, created_at_us, expires_at_us) "
            + "VALUES (:hash, :userId, :teamId, :nowUs, :expiresAtUs)")
    void insertSession(@Bind("hash") String hash, @Bind("userId") String userId, @Bind("teamId") String teamId,
                       @Bind("nowUs") long nowUs, @Bind("expiresAtUs") long expiresAtUs);

    @SqlQuery("SELECT user_id, team_id, expires_at_us, NULL AS used_at_us FROM web_sessions "
            + "WHERE session_hash = :hash AND expires_at_us > :nowUs")
    @RegisterConstructorMapper(AccessRow.class)
    Optional<AccessRow> findSession(@Bind("hash") String hash, @Bind("nowUs") long nowUs);

    @SqlUpdate("DELETE FROM web_sessions WHERE session_hash = :hash")
    int deleteSession(@Bind("hash") String hash);

    /** Links are kept a day past their expiry, so that a late click is told "expired" rather than "not valid". */
    @SqlUpdate("DELETE FROM web_sign_in_links WHERE expires_at_us < :beforeUs")
    int deleteLinksExpiredBefore(@Bind("beforeUs") long beforeUs);

    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at_us < :beforeUs")
    int deleteSessionsExpiredBefore(@Bind("beforeUs") long beforeUs);
}

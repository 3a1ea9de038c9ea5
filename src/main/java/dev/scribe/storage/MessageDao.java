package dev.scribe.storage;

import dev.scribe.incident.RecordedMessage;
import java.util.stream.Stream;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.FetchSize;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * SQL of the {@code messages} table. A message's key, its channel and ts, is what refuses a Slack retry: a retry
 * carries the same message. The {@code slack_events} table (one row per event id) is no longer written: it
 * repeated that refusal for messages at a large share of the storing thread's work (docs/performance.md), and it is
 * left in place while older versions may still run beside this one.
 */
@RegisterConstructorMapper(MessageRow.class)
public interface MessageDao {

    /**
     * Stores a message in the incident open in its channel, if there is one (one row inserted, else none): the
     * lookup rides on the insert, so the per-message path is one statement; run by {@link MessageWriter}.
     */
    String INSERT_IN_OPEN_INCIDENT = "INSERT INTO messages (channel_id, ts, incident_number, thread_ts, author_id, "
            + "body, posted_at_us, recorded_at_us) SELECT :channelId, :ts, incident_number, :threadTs, :authorId, "
            + ":body, :postedAtUs, :recordedAtUs FROM incidents WHERE open_channel_id = :channelId";

    /** Binds a received message to {@link #INSERT_IN_OPEN_INCIDENT}, in a single statement or a batch. */
    static <T extends SqlStatement<T>> T bindMessage(T statement, ReceivedMessage received) {
        RecordedMessage m = received.message();
        return statement.bind("channelId", m.channelId()).bind("ts", m.ts()).bind("threadTs", m.threadTs())
                .bind("authorId", m.authorId()).bind("body", m.text()).bind("postedAtUs", Micros.of(m.postedAt()))
                .bind("recordedAtUs", received.recordedAtUs());
    }

    // Ordered exactly like the UNIQUE (incident_number, posted_at_us, ts) key, so the database reads the
    // incident's messages in index order instead of sorting them (without the first column, H2 sorted them).
    // Read as a stream, a thousand rows at a time: PostgreSQL and MariaDB otherwise fetch the whole result at once
    // (PostgreSQL only uses a cursor inside a transaction); H2 streams with LAZY_QUERY_EXECUTION (Database).
    @FetchSize(1000)
    @SqlQuery("SELECT channel_id, ts, thread_ts, author_id, body, posted_at_us FROM messages "
            + "WHERE incident_number = :incident AND deleted_at_us IS NULL ORDER BY incident_number, posted_at_us, ts")
    Stream<MessageRow> forIncident(@Bind("incident") int incident);

    @SqlQuery("SELECT body FROM messages WHERE channel_id = :channelId AND ts = :ts")
    java.util.Optional<String> body(@Bind("channelId") String channelId, @Bind("ts") String ts);

    @SqlUpdate("INSERT INTO message_revisions (channel_id, ts, edited_at_us, previous_body) "
            + "VALUES (:channelId, :ts, :editedAtUs, :previous)")
    void keepRevision(@Bind("channelId") String channelId, @Bind("ts") String ts, @Bind("editedAtUs") long editedAtUs,
                      @Bind("previous") String previous);

    @SqlUpdate("UPDATE messages SET body = :body WHERE channel_id = :channelId AND ts = :ts")
    int updateBody(@Bind("channelId") String channelId, @Bind("ts") String ts, @Bind("body") String body);

    @SqlUpdate("UPDATE messages SET deleted_at_us = :deletedAtUs WHERE channel_id = :channelId AND ts = :ts "
            + "AND deleted_at_us IS NULL")
    int markDeleted(@Bind("channelId") String channelId, @Bind("ts") String ts, @Bind("deletedAtUs") long deletedAtUs);
}

package dev.scribe.storage;

import dev.scribe.incident.CommandInvocations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CommandInvocations} in the bot's database: a claim is one INSERT, and the primary key refuses the second,
 * so it holds across replicas. Each instance deletes the rows older than {@link #KEPT} at most once per
 * {@link #PURGE_EVERY}, after a claim, which keeps the table at about a day of commands without an index on time.
 */
public final class JdbiCommandInvocations implements CommandInvocations {

    /** How long an invocation is remembered: a replay is refused by its signature after five minutes anyway. */
    static final Duration KEPT = Duration.ofDays(1);
    static final Duration PURGE_EVERY = Duration.ofHours(1);
    /** The column's width; Slack's trigger ids are about 40 characters. */
    private static final int MAX_KEY = 255;

    private static final Logger log = LoggerFactory.getLogger(JdbiCommandInvocations.class);

    private final CommandInvocationDao dao;
    private final Clock clock;
    private final AtomicLong nextPurgeUs = new AtomicLong(Long.MIN_VALUE);

    public JdbiCommandInvocations(Database database, Clock clock) {
        this.dao = database.jdbi().onDemand(CommandInvocationDao.class);
        this.clock = clock;
    }

    @Override
    public boolean claim(String triggerId) {
        long now = Micros.of(clock.instant());
        boolean first = Sql.onDuplicateKey(() -> {
            dao.insert(key(triggerId), now);
            return true;
        }, e -> false);
        if (first) {
            purgeIfDue(now);
        }
        return first;
    }

    private void purgeIfDue(long now) {
        long due = nextPurgeUs.get();
        if (now < due || !nextPurgeUs.compareAndSet(due, now + PURGE_EVERY.toNanos() / 1_000)) {
            return;
        }
        try {
            dao.deleteReceivedBefore(now - KEPT.toNanos() / 1_000);
        } catch (JdbiException e) {
            // The claim stands; old rows only cost space, and the next purge takes them.
            log.warn("Could not delete command invocations older than {}: {}", KEPT, e.getMessage());
        }
    }

    /** The trigger id as stored: as it is, or, should one ever be longer than the column, its SHA-256. */
    static String key(String triggerId) {
        if (triggerId.length() <= MAX_KEY) {
            return triggerId;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(triggerId.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

package dev.scribe.storage;

import dev.scribe.outbox.Outbox;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.ReportKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link Outbox} in the bot's database; claims are single UPDATEs, so they hold across replicas. */
public final class JdbiOutbox implements Outbox {

    private final Jdbi jdbi;
    private final Clock clock;

    /** {@code clock} must be the publisher's: a stored post is due from the time it was stored. */
    public JdbiOutbox(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    @Override
    public boolean store(List<OutboxPost> posts) {
        long now = Micros.of(clock.instant());
        return Sql.onDuplicateKey(() -> jdbi.inTransaction(h -> {
            ReportPostDao dao = h.attach(ReportPostDao.class);
            for (OutboxPost p : posts) {
                dao.insert(p.report().incidentNumber(), p.report().closeCount(), p.seq(), p.kind().name(),
                        p.channelId(), p.payload(), p.fileName(), now);
            }
            return true;
        }), e -> false); // the report was stored before, by this replica or another
    }

    /** Posts waiting for Slack, and the age of the oldest (zero when none waits), read in one transaction. */
    public Backlog backlog() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            ReportPostDao dao = h.attach(ReportPostDao.class);
            long pending = dao.pendingCount();
            Long oldest = dao.oldestPendingUs();
            Duration age = oldest == null ? Duration.ZERO : Duration.between(Micros.toInstant(oldest), now);
            return new Backlog(pending, age.isNegative() ? Duration.ZERO : age);
        });
    }

    /** What {@link #backlog()} reads. */
    public record Backlog(long pendingPosts, Duration oldestAge) {
    }

    @Override
    public List<ReportKey> missingReports() {
        return jdbi.withExtension(ReportPostDao.class, dao -> dao.missingReports().stream()
                .map(row -> new ReportKey(row.incidentNumber(), row.closeCount())).toList());
    }

    @Override
    public Optional<List<OutboxPost>> claimDue(String worker, Instant now, Instant leaseUntil) {
        long nowUs = Micros.of(now);
        return jdbi.withExtension(ReportPostDao.class, dao -> {
            for (ReportKeyRow key : dao.due(nowUs)) {
                if (dao.claim(key.incidentNumber(), key.closeCount(), worker, nowUs, Micros.of(leaseUntil)) == 0) {
                    continue; // another replica took it first
                }
                List<ReportPostRow> rows = dao.report(key.incidentNumber(), key.closeCount());
                boolean allMine = rows.stream().allMatch(r -> r.done() || worker.equals(r.claimedBy()));
                if (allMine) {
                    return Optional.of(rows.stream().map(ReportPostRow::toPost).toList());
                }
                dao.release(key.incidentNumber(), key.closeCount(), worker, nowUs, "claim raced with another replica");
            }
            return Optional.<List<OutboxPost>>empty();
        });
    }

    @Override
    public void progress(OutboxPost post, String ref, String worker) {
        requireLease(jdbi.withExtension(ReportPostDao.class, dao -> dao.progress(post.report().incidentNumber(),
                post.report().closeCount(), post.seq(), ref, worker)), post);
    }

    @Override
    public void done(OutboxPost post, String ref, String worker) {
        requireLease(jdbi.withExtension(ReportPostDao.class, dao -> dao.done(post.report().incidentNumber(),
                post.report().closeCount(), post.seq(), ref, worker)), post);
    }

    @Override
    public void retryLater(ReportKey report, String worker, Instant next, String error) {
        String shortError = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        jdbi.useExtension(ReportPostDao.class, dao -> dao.release(report.incidentNumber(), report.closeCount(), worker,
                Micros.of(next), shortError));
    }

    private static void requireLease(int rows, OutboxPost post) {
        if (rows == 0) {
            throw new IllegalStateException("Lost the lease on the report of incident " + post.report().incidentNumber()
                    + " while posting part " + post.seq());
        }
    }
}

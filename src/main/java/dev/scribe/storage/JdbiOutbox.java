package dev.scribe.storage;

import dev.scribe.outbox.ClaimedReport;
import dev.scribe.outbox.Outbox;
import dev.scribe.outbox.OutboxHealth;
import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.ReportKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    /** What /healthz says of the outbox, read in one transaction. */
    public OutboxHealth health() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            ReportPostDao posts = h.attach(ReportPostDao.class);
            long pending = posts.pendingCount();
            Long oldestUs = posts.oldestPendingUs();
            Instant oldest = oldestUs == null ? null : Micros.toInstant(oldestUs);
            Duration age = oldest == null || oldest.isAfter(now) ? Duration.ZERO : Duration.between(oldest, now);
            List<OutboxHealth.ParkedChannel> parked = h.attach(ReportChannelFailureDao.class).parked().stream()
                    .map(r -> new OutboxHealth.ParkedChannel(new ReportKey(r.incidentNumber(), r.closeCount()),
                            r.channelId(), r.error(), Micros.toInstant(r.parkedAtUs()))).toList();
            return new OutboxHealth(pending, oldest, age, parked);
        });
    }

    @Override
    public List<ReportKey> missingReports() {
        return jdbi.withExtension(ReportPostDao.class, dao -> dao.missingReports().stream()
                .map(row -> new ReportKey(row.incidentNumber(), row.closeCount())).toList());
    }

    @Override
    public Optional<ClaimedReport> claimDue(String worker, Instant now, Instant leaseUntil) {
        long nowUs = Micros.of(now);
        return jdbi.withHandle(h -> {
            ReportPostDao dao = h.attach(ReportPostDao.class);
            ReportChannelFailureDao failures = h.attach(ReportChannelFailureDao.class);
            for (ReportKeyRow key : dao.due(nowUs)) {
                if (dao.claim(key.incidentNumber(), key.closeCount(), worker, nowUs, Micros.of(leaseUntil)) == 0) {
                    continue; // another replica took it first
                }
                List<ReportPostRow> rows = dao.report(key.incidentNumber(), key.closeCount());
                Set<String> parked = new HashSet<>(failures.parkedChannels(key.incidentNumber(), key.closeCount()));
                boolean allMine = rows.stream().allMatch(r -> r.done() || worker.equals(r.claimedBy())
                        || parked.contains(r.channelId()));
                if (allMine) {
                    return Optional.of(new ClaimedReport(rows.stream().map(ReportPostRow::toPost).toList(), parked));
                }
                dao.release(key.incidentNumber(), key.closeCount(), worker, nowUs, "claim raced with another replica");
            }
            return Optional.<ClaimedReport>empty();
        });
    }

    @Override
    public Instant failing(ReportKey report, String channelId, Instant now, String error) {
        String shortError = shorten(error);
        return jdbi.withExtension(ReportChannelFailureDao.class, dao -> {
            Sql.onDuplicateKey(() -> {
                dao.insert(report.incidentNumber(), report.closeCount(), channelId, Micros.of(now), shortError);
                return true;
            }, e -> dao.updateError(report.incidentNumber(), report.closeCount(), channelId, shortError) > 0);
            Long since = dao.failingSince(report.incidentNumber(), report.closeCount(), channelId);
            return since == null ? now : Micros.toInstant(since);
        });
    }

    @Override
    public void recovered(ReportKey report, String channelId) {
        jdbi.useExtension(ReportChannelFailureDao.class, dao -> dao.recovered(report.incidentNumber(),
                report.closeCount(), channelId));
    }

    @Override
    public List<OutboxPost> park(ReportKey report, String channelId, String error, Instant now, List<OutboxPost> notices,
                                 String worker, Instant leaseUntil) {
        long nowUs = Micros.of(now);
        // Outside the transaction: a duplicate key would abort a PostgreSQL transaction.
        failing(report, channelId, now, error);
        return jdbi.inTransaction(h -> {
            ReportChannelFailureDao failures = h.attach(ReportChannelFailureDao.class);
            if (failures.park(report.incidentNumber(), report.closeCount(), channelId, nowUs, shorten(error)) == 0) {
                return List.<OutboxPost>of(); // parked already, so a person was told already
            }
            ReportPostDao posts = h.attach(ReportPostDao.class);
            List<OutboxPost> stored = new ArrayList<>();
            for (OutboxPost p : notices) {
                posts.insertLeased(report.incidentNumber(), report.closeCount(), p.seq(), p.kind().name(), p.channelId(),
                        p.payload(), p.fileName(), nowUs, worker, Micros.of(leaseUntil));
                stored.add(new OutboxPost(report, p.seq(), p.kind(), p.channelId(), p.payload(), p.fileName(), null,
                        false, 1, Micros.toInstant(nowUs)));
            }
            return stored;
        });
    }

    @Override
    public int repost(ReportKey report, Instant now) {
        return jdbi.inTransaction(h -> {
            h.attach(ReportChannelFailureDao.class).forget(report.incidentNumber(), report.closeCount());
            return h.attach(ReportPostDao.class).makeDue(report.incidentNumber(), report.closeCount(), Micros.of(now));
        });
    }

    private static String shorten(String error) {
        return error == null ? "" : error.length() > 500 ? error.substring(0, 500) : error;
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
        String shortError = error == null ? null : shorten(error);
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

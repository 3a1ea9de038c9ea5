package dev.scribe.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the reports stored in the {@link Outbox} exactly once: claims a report, posts its parts in order, marks
 * each done, and on a Slack failure waits (honouring {@code Retry-After}, else backing off) and resumes where it
 * stopped, after a restart too. A part that may have reached Slack before an answer was lost is looked up
 * before it is posted again.
 */
public final class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** How much earlier than our clock Slack's may stamp a post, for the look-up's lower bound. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);

    private final Outbox outbox;
    private final SlackPoster slack;
    private final IntConsumer storeReport;
    private final Clock clock;
    private final String worker = "scribe-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;

    /**
     * @param storeReport compiles and stores the report of a closed incident (by number) that a crash left
     *                    unstored
     * @param clock       the outbox's clock: posts are due from the time they were stored
     */
    public OutboxDrain(Outbox outbox, SlackPoster slack, IntConsumer storeReport, Clock clock) {
        this.outbox = outbox;
        this.slack = slack;
        this.storeReport = storeReport;
        this.clock = clock;
    }

    /**
     * Stores any report a crash left uncompiled, then posts every report that is due, until none is. Safe to
     * run on several threads and replicas at once: each report is held by one of them at a time.
     */
    public void drain() {
        try {
            drainDue();
        } catch (RuntimeException e) {
            // Runs on a schedule: an exception here would cancel it. The outbox keeps the work for next time.
            log.error("Posting reports failed; will try again", e);
        }
    }

    /** Asks a drain in progress to stop after the part it is posting, giving its lease back. */
    public void stop() {
        stopping = true;
    }

    private void drainDue() {
        for (ReportKey missing : outbox.missingReports()) {
            try {
                storeReport.accept(missing.incidentNumber());
            } catch (RuntimeException e) {
                log.error("Could not compile the report of incident {}", missing.incidentNumber(), e);
            }
        }
        while (!stopping) {
            Instant now = clock.instant();
            Optional<List<OutboxPost>> claimed = outbox.claimDue(worker, now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                return;
            }
            post(claimed.get());
        }
    }

    private void post(List<OutboxPost> report) {
        String summaryTs = null;
        for (OutboxPost post : report) {
            if (post.done()) {
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = post.postedRef();
                }
                continue;
            }
            if (stopping) {
                outbox.retryLater(post.report(), worker, clock.instant(), "stopped before posting");
                return;
            }
            try {
                String ref = send(post, summaryTs);
                outbox.done(post, ref, worker);
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = ref;
                }
            } catch (SlackFailure e) {
                Duration wait = e.retryAfter().orElse(backoff(post.attempts()));
                log.error("Posting part {} of the report of incident {} failed ({} answered {}); trying again in {} s",
                        post.seq(), post.report().incidentNumber(), e.method(), e.error(), wait.toSeconds());
                outbox.retryLater(post.report(), worker, clock.instant().plus(wait), e.method() + ": " + e.error());
                return;
            } catch (RuntimeException e) {
                log.error("Posting part {} of the report of incident {} failed", post.seq(), post.report().incidentNumber(), e);
                outbox.retryLater(post.report(), worker, clock.instant().plus(backoff(post.attempts())), e.toString());
                return;
            }
        }
    }

    /** 2, 4, 8 ... seconds, at most 15 minutes. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts, 1), 10);
        return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private String send(OutboxPost post, String summaryTs) {
        switch (post.kind()) {
            case SUMMARY:
            case RETRO:
                return postMessage(post, null);
            case THREAD:
                return postMessage(post, requireSummary(summaryTs, post));
            case FILE:
                return shareFile(post, requireSummary(summaryTs, post));
            default:
                throw new IllegalStateException(post.kind().name());
        }
    }

    private static String requireSummary(String summaryTs, OutboxPost post) {
        if (summaryTs == null) {
            throw new IllegalStateException("part " + post.seq() + " needs the summary, which is not posted");
        }
        return summaryTs;
    }

    private String postMessage(OutboxPost post, String threadTs) {
        if (post.attempts() > 1) {
            Optional<String> earlier = findPosted(post, threadTs);
            if (earlier.isPresent()) {
                log.info("Part {} of the report of incident {} had reached Slack already", post.seq(),
                        post.report().incidentNumber());
                return earlier.get();
            }
        }
        return slack.post(post.channelId(), threadTs, post.payload(), post.postId());
    }

    /**
     * Looks for the post an earlier attempt may have made, from the time the report was stored (less a margin for
     * clocks a little apart). A rate limit is thrown, to look again after the wait; any other failure means
     * posting again.
     */
    private Optional<String> findPosted(OutboxPost post, String threadTs) {
        Instant since = post.storedAt() == null ? null : post.storedAt().minus(CLOCK_MARGIN);
        try {
            return slack.findPosted(post.channelId(), threadTs, post.postId(), since);
        } catch (SlackFailure e) {
            if (e.isRateLimit()) {
                throw e;
            }
            // Cannot tell; posting again risks a duplicate, not posting risks a loss. A loss is worse.
            log.warn("Could not check whether part {} of incident {} was posted ({}); posting it", post.seq(),
                    post.report().incidentNumber(), e.error());
            return Optional.empty();
        }
    }

    /** Uploads first and keeps the file id, so a retry never uploads or shares twice. */
    private String shareFile(OutboxPost post, String summaryTs) {
        String fileId = post.postedRef();
        if (fileId == null) {
            fileId = slack.upload(post.fileName(), post.payload().getBytes(StandardCharsets.UTF_8));
            outbox.progress(post, fileId, worker);
        } else if (post.attempts() > 1 && isShared(fileId, post.channelId())) {
            return fileId;
        }
        int number = post.report().incidentNumber();
        slack.share(fileId, post.channelId(), summaryTs, "Incident " + number + " RCA skeleton",
                "The RCA skeleton of incident " + number + ", ready to fill in.");
        return fileId;
    }

    private boolean isShared(String fileId, String channelId) {
        try {
            return slack.isShared(fileId, channelId);
        } catch (SlackFailure e) {
            log.warn("Could not check whether file {} was shared ({}); completing the upload", fileId, e.error());
            return false;
        }
    }
}

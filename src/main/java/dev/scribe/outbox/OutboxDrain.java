package dev.scribe.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the reports stored in the {@link Outbox} exactly once: claims a report, posts its parts in order, marks
 * each done, and on a Slack failure waits (honouring {@code Retry-After}, else backing off) and resumes where it
 * stopped, after a restart too. A part that may have reached Slack before an answer was lost is looked up
 * before it is posted again. A channel that cannot take the report (an answer no retry fixes, or failures for
 * {@link #GIVE_UP_AFTER}) is parked for it: its posts are kept and not tried again, the rest of the report still goes
 * out, and a person is told once, by the notices the {@link UndeliverableNotices} write, posted like the report.
 */
public final class OutboxDrain {

    private static final Logger log = LoggerFactory.getLogger(OutboxDrain.class);
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    /** How much earlier than our clock Slack's may stamp a post, for the look-up's lower bound. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(10);
    /** How long a channel may keep failing (with answers a retry could fix) before a person is told and it is parked. */
    public static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private final Outbox outbox;
    private final SlackPoster slack;
    private final IntConsumer storeReport;
    private final UndeliverableNotices notices;
    private final Clock clock;
    private final String worker = "scribe-" + UUID.randomUUID().toString().substring(0, 8);
    private volatile boolean stopping;

    /**
     * @param storeReport compiles and stores the report of a closed incident (by number) that a crash left
     *                    unstored
     * @param notices     what tells a person that a channel cannot take a report
     * @param clock       the outbox's clock: posts are due from the time they were stored
     */
    public OutboxDrain(Outbox outbox, SlackPoster slack, IntConsumer storeReport, UndeliverableNotices notices,
                       Clock clock) {
        this.outbox = outbox;
        this.slack = slack;
        this.storeReport = storeReport;
        this.notices = notices;
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
            Optional<ClaimedReport> claimed = outbox.claimDue(worker, now, now.plus(LEASE));
            if (claimed.isEmpty()) {
                return;
            }
            post(claimed.get());
        }
    }

    private void post(ClaimedReport claimed) {
        List<OutboxPost> report = new ArrayList<>(claimed.posts());
        Set<String> parked = new HashSet<>(claimed.parkedChannels());
        ReportKey key = report.get(0).report();
        String summaryTs = null;
        // The notice a NOTICE_FILE threads under: the latest notice posted to the same person or channel.
        Map<String, String> noticeTs = new HashMap<>();
        for (int i = 0; i < report.size(); i++) {
            OutboxPost post = report.get(i);
            if (post.done()) {
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = post.postedRef();
                } else if (post.kind() == PostKind.NOTICE) {
                    noticeTs.put(post.channelId(), post.postedRef());
                }
                continue;
            }
            if (parked.contains(post.channelId())) {
                continue;
            }
            if (stopping) {
                outbox.retryLater(key, worker, clock.instant(), "stopped before posting");
                return;
            }
            try {
                String ref = send(post, post.kind() == PostKind.NOTICE_FILE ? noticeTs.get(post.channelId()) : summaryTs);
                outbox.done(post, ref, worker);
                if (post.attempts() > 1) {
                    outbox.recovered(key, post.channelId());
                }
                if (post.kind() == PostKind.SUMMARY) {
                    summaryTs = ref;
                } else if (post.kind() == PostKind.NOTICE) {
                    noticeTs.put(post.channelId(), ref);
                }
            } catch (SlackFailure e) {
                Instant now = clock.instant();
                String error = e.method() + ": " + e.error();
                Instant failingSince = outbox.failing(key, post.channelId(), now, error);
                boolean gaveUp = !failingSince.plus(GIVE_UP_AFTER).isAfter(now);
                if (e.needsAPerson() || gaveUp) {
                    parked.add(post.channelId());
                    report.addAll(park(report, post, e, gaveUp && !e.needsAPerson(), now));
                    continue;
                }
                Duration wait = e.retryAfter().orElse(backoff(post.attempts()));
                log.error("Posting part {} of the report of incident {} failed ({} answered {}); trying again in {} s",
                        post.seq(), key.incidentNumber(), e.method(), e.error(), wait.toSeconds());
                outbox.retryLater(key, worker, now.plus(wait), error);
                return;
            } catch (RuntimeException e) {
                log.error("Posting part {} of the report of incident {} failed", post.seq(), key.incidentNumber(), e);
                outbox.retryLater(key, worker, clock.instant().plus(backoff(post.attempts())), e.toString());
                return;
            }
        }
        if (!parked.isEmpty()) {
            // The lease on the parked posts goes back; they wait for /incident repost.
            outbox.retryLater(key, worker, clock.instant(), "waiting for /incident repost");
        }
    }

    /**
     * Parks the channel {@code failed} was going to and returns the notices stored for it, to post in this pass. A
     * notice that cannot be delivered itself is parked with no notice of its own: there is nobody left to tell, and
     * /healthz shows it.
     */
    private List<OutboxPost> park(List<OutboxPost> report, OutboxPost failed, SlackFailure e, boolean gaveUp, Instant now) {
        ReportKey key = failed.report();
        boolean aNotice = failed.kind() == PostKind.NOTICE || failed.kind() == PostKind.NOTICE_FILE;
        List<OutboxPost> toStore = List.of();
        if (!aNotice) {
            OutboxPost file = report.stream().filter(p -> p.kind() == PostKind.FILE).findFirst().orElse(null);
            int nextSeq = report.stream().mapToInt(OutboxPost::seq).max().orElse(-1) + 1;
            toStore = notices.write(key, failed.channelId(), e, gaveUp, file == null ? null : file.payload(),
                    file == null ? null : file.fileName(), nextSeq);
        }
        List<OutboxPost> stored = outbox.park(key, failed.channelId(), e.method() + ": " + e.error(), now, toStore,
                worker, now.plus(LEASE));
        log.error("The report of incident {} cannot be posted in {} ({} answered {}{}); stopped trying there until "
                        + "/incident repost {}, {}", key.incidentNumber(), failed.channelId(), e.method(), e.error(),
                gaveUp ? ", failing for " + GIVE_UP_AFTER.toMinutes() + " minutes" : "", key.incidentNumber(),
                aNotice ? "and nobody could be told" : stored.size() + " notices stored to tell a person");
        return stored;
    }

    /** 2, 4, 8 ... seconds, at most 15 minutes. */
    static Duration backoff(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts, 1), 10);
        return Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    /** Posts one part; {@code parentTs} is the message it threads under (the summary, or a file's notice). */
    private String send(OutboxPost post, String parentTs) {
        switch (post.kind()) {
            case SUMMARY:
            case RETRO:
                return postMessage(post, post.channelId(), null);
            case NOTICE:
                return postMessage(post, conversation(post), null);
            case THREAD:
                return postMessage(post, post.channelId(), requireParent(parentTs, post));
            case FILE:
                return shareFile(post, post.channelId(), requireParent(parentTs, post));
            case NOTICE_FILE:
                return shareFile(post, conversation(post), requireParent(parentTs, post));
            default:
                throw new IllegalStateException(post.kind().name());
        }
    }

    /** Where a notice goes: a person's direct message (Slack user ids start with U or W), else the channel itself. */
    private String conversation(OutboxPost post) {
        String to = post.channelId();
        return to.startsWith("U") || to.startsWith("W") ? slack.openDirectMessage(to) : to;
    }

    private static String requireParent(String parentTs, OutboxPost post) {
        if (parentTs == null) {
            throw new IllegalStateException("part " + post.seq() + " threads under a message that is not posted");
        }
        return parentTs;
    }

    private String postMessage(OutboxPost post, String channelId, String threadTs) {
        if (post.attempts() > 1) {
            Optional<String> earlier = findPosted(post, channelId, threadTs);
            if (earlier.isPresent()) {
                log.info("Part {} of the report of incident {} had reached Slack already", post.seq(),
                        post.report().incidentNumber());
                return earlier.get();
            }
        }
        return slack.post(channelId, threadTs, post.payload(), post.postId());
    }

    /**
     * Looks for the post an earlier attempt may have made, from the time the report was stored (less a margin for
     * clocks a little apart). A rate limit is thrown, to look again after the wait; any other failure means
     * posting again.
     */
    private Optional<String> findPosted(OutboxPost post, String channelId, String threadTs) {
        Instant since = post.storedAt() == null ? null : post.storedAt().minus(CLOCK_MARGIN);
        try {
            return slack.findPosted(channelId, threadTs, post.postId(), since);
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
    private String shareFile(OutboxPost post, String channelId, String threadTs) {
        String fileId = post.postedRef();
        if (fileId == null) {
            fileId = slack.upload(post.fileName(), post.payload().getBytes(StandardCharsets.UTF_8));
            outbox.progress(post, fileId, worker);
        } else if (post.attempts() > 1 && isShared(fileId, channelId)) {
            return fileId;
        }
        int number = post.report().incidentNumber();
        slack.share(fileId, channelId, threadTs, "Incident " + number + " RCA skeleton",
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

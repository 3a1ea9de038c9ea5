package dev.scribe.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reports waiting to be posted, shared by every replica. A report's posts are stored together before any
 * is posted; one replica at a time holds a report (a lease that expires if it dies) and posts it in order.
 */
public interface Outbox {

    /** Stores the posts of one report; false (nothing stored) when that report is stored already. */
    boolean store(List<OutboxPost> posts);

    /** Closed incidents whose latest close has no report stored yet (a crash between close and compile). */
    List<ReportKey> missingReports();

    /**
     * Takes the lease on one report with posts due, counting an attempt on each pending post, and returns
     * all its posts in order (done ones included, for their refs); empty when no report is due.
     */
    Optional<List<OutboxPost>> claimDue(String worker, Instant now, Instant leaseUntil);

    /** Remembers what Slack answered for a post still in progress (the file id of a half-done upload). */
    void progress(OutboxPost post, String ref, String worker);

    /** Marks a post accepted by Slack. */
    void done(OutboxPost post, String ref, String worker);

    /** Gives the lease back, to try the report's pending posts again at {@code next}. */
    void retryLater(ReportKey report, String worker, Instant next, String error);
}

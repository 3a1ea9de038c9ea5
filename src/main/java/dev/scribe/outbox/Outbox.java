package dev.scribe.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reports waiting to be posted, shared by every replica. A report's posts are stored together before any
 * is posted; one replica at a time holds a report (a lease that expires if it dies) and posts it in order.
 * A channel that cannot take a report's posts is parked for that report: its posts stay stored, are not tried
 * again until {@link #repost}, and a person is told once.
 */
public interface Outbox {

    /** Stores the posts of one report; false (nothing stored) when that report is stored already. */
    boolean store(List<OutboxPost> posts);

    /** Closed incidents whose latest close has no report stored yet (a crash between close and compile). */
    List<ReportKey> missingReports();

    /**
     * Takes the lease on one report with posts due, counting an attempt on each pending post that is not parked,
     * and returns all its posts in order (done and parked ones included, for their refs and payloads) with the
     * channels parked for it; empty when no report is due.
     */
    Optional<ClaimedReport> claimDue(String worker, Instant now, Instant leaseUntil);

    /** Remembers what Slack answered for a post still in progress (the file id of a half-done upload). */
    void progress(OutboxPost post, String ref, String worker);

    /** Marks a post accepted by Slack. */
    void done(OutboxPost post, String ref, String worker);

    /** Gives the lease back, to try the report's pending posts again at {@code next}. */
    void retryLater(ReportKey report, String worker, Instant next, String error);

    /**
     * Notes that posting the report in {@code channelId} failed with {@code error}; returns since when it has been
     * failing there (the first failure since the channel last took a post, kept across replicas and restarts).
     */
    Instant failing(ReportKey report, String channelId, Instant now, String error);

    /** Forgets a channel's failures once it has taken a post again (one that was not parked). */
    void recovered(ReportKey report, String channelId);

    /**
     * Parks {@code channelId} for the report and stores {@code notices} (numbered after the report's posts), already
     * leased to {@code worker}, in one transaction. Returns the notices as stored, or an empty list, storing nothing,
     * when the channel was parked already: whoever parks a channel first tells a person, once.
     */
    List<OutboxPost> park(ReportKey report, String channelId, String error, Instant now, List<OutboxPost> notices,
                          String worker, Instant leaseUntil);

    /**
     * Makes every pending post of the report due now, parked channels included, and forgets their failures (the
     * person has fixed the channel). Returns how many posts are waiting.
     */
    int repost(ReportKey report, Instant now);
}

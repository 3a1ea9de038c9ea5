package dev.scribe.outbox;

import java.time.Instant;

/**
 * One Slack post of a report, as stored. {@code payload} is the message (JSON with text and blocks) or,
 * for a file, the Markdown itself. {@code postedRef} is what Slack answered (a message ts, a file id) once
 * known; {@code attempts} counts claims, so a post with attempts above one may already have reached Slack.
 * {@code storedAt} is when the report was stored (null before): no attempt to post it can be older.
 */
public record OutboxPost(
        ReportKey report,
        int seq,
        PostKind kind,
        String channelId,
        String payload,
        String fileName,
        String postedRef,
        boolean done,
        int attempts,
        Instant storedAt) {

    /** A post not yet tried. */
    public static OutboxPost pending(ReportKey report, int seq, PostKind kind, String channelId, String payload,
                                     String fileName) {
        return new OutboxPost(report, seq, kind, channelId, payload, fileName, null, false, 0, null);
    }

    /** The id written into the message's metadata, to find it again after an answer that was lost. */
    public String postId() {
        return report.incidentNumber() + "-" + report.closeCount() + "-" + seq;
    }
}

package dev.scribe.storage;

import dev.scribe.outbox.OutboxPost;
import dev.scribe.outbox.PostKind;
import dev.scribe.outbox.ReportKey;

/** A row of {@code report_posts}. */
// Public only for Jdbi's ConstructorMapper, which cannot call the constructor of a package-private type.
public record ReportPostRow(int incidentNumber, int closeCount, int seq, String kind, String channelId, String payload,
                            String fileName, String postedRef, boolean done, int attempts, String claimedBy,
                            long createdAtUs) {
    OutboxPost toPost() {
        return new OutboxPost(new ReportKey(incidentNumber, closeCount), seq, PostKind.valueOf(kind), channelId, payload,
                fileName, postedRef, done, attempts, Micros.toInstant(createdAtUs));
    }
}

package dev.scribe.outbox;

import java.util.List;

/**
 * Writes the posts that tell a person a report cannot be posted in a channel: which incident, what failed, what to
 * do and the command that tries again, with the report's Markdown so that nothing is lost.
 */
@FunctionalInterface
public interface UndeliverableNotices {

    /**
     * The notices for a report that {@code channelId} cannot take, numbered from {@code firstSeq}, in posting order
     * (a {@link PostKind#NOTICE}, and a {@link PostKind#NOTICE_FILE} after a notice that carries the file).
     *
     * @param failure  what Slack answered last
     * @param gaveUp   true when the failures went on for {@link OutboxDrain#GIVE_UP_AFTER} rather than being ones
     *                 no retry fixes
     * @param markdown the report's RCA Markdown, and its file name
     */
    List<OutboxPost> write(ReportKey report, String channelId, SlackFailure failure, boolean gaveUp, String markdown,
                           String fileName, int firstSeq);
}

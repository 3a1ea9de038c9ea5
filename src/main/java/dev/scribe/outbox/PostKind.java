package dev.scribe.outbox;

/** What a stored post is. Posts of a report go out in order: the summary first, since the rest thread under it. */
public enum PostKind {
    /** The retro summary, top level in the incident channel. */
    SUMMARY,
    /** A part of the timeline, in the summary's thread. */
    THREAD,
    /** The RCA skeleton as a Markdown file, shared in the summary's thread. */
    FILE,
    /** The summary again, in the retro channel. */
    RETRO,
    /**
     * A notice that the report could not be posted somewhere: to a user id, in the direct message with that person
     * (opened first); to a channel id, in that channel.
     */
    NOTICE,
    /** The RCA skeleton as a Markdown file, shared in the thread of the notice just before it. */
    NOTICE_FILE
}

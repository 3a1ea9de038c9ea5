package dev.scribe.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * The Slack calls a report's posts need, each of which can be checked afterwards: a post carries its post id,
 * so it can be found again when an answer was lost, and a file is uploaded before it is shared, so its id can be
 * kept and asked about. Every method fails with a {@link SlackFailure}.
 */
public interface SlackPoster {

    /**
     * Posts a stored message ({@code messageJson}: its {@code text} and {@code blocks}), in a thread when
     * {@code threadTs} is not null, carrying {@code postId} in its metadata. Returns the message's ts.
     */
    String post(String channelId, String threadTs, String messageJson, String postId);

    /**
     * The ts of the message carrying {@code postId} posted since {@code since} (null: ever), in the channel or in
     * the thread of {@code threadTs}. Reads every page, so a busy channel cannot hide it; empty when none is.
     */
    Optional<String> findPosted(String channelId, String threadTs, String postId, Instant since);

    /** Uploads a file, not shared anywhere yet; returns its id. */
    String upload(String fileName, byte[] content);

    /** Shares an uploaded file in the thread of {@code threadTs}. */
    void share(String fileId, String channelId, String threadTs, String title, String comment);

    /** True when the file is shared in the channel. */
    boolean isShared(String fileId, String channelId);

    /** The id of the direct message between the bot and a person, opened when there is none yet. */
    String openDirectMessage(String userId);
}

package dev.scribe.report;

import java.util.Optional;

/** Names and links the compiler needs from the workspace, looked up before compiling (no I/O inside). */
public interface Directory {

    /** The name to show for a user id, without {@code @}; the id itself when unknown. */
    String userName(String userId);

    /** The name to show for a channel id, without {@code #}; the id itself when unknown. */
    String channelName(String channelId);

    /** A link to a message, when the workspace address is known. */
    Optional<String> permalink(String channelId, String ts, String threadTs);

    /** A directory that knows nothing: ids are shown as they are, no links. */
    static Directory ofIdsOnly() {
        return new Directory() {
            @Override
            public String userName(String userId) {
                return userId;
            }

            @Override
            public String channelName(String channelId) {
                return channelId;
            }

            @Override
            public Optional<String> permalink(String channelId, String ts, String threadTs) {
                return Optional.empty();
            }
        };
    }
}

package dev.scribe.slack;

import java.time.Instant;
import java.util.List;

/** Who has opened the bot's Home tab, kept where every replica and a restart see it. */
public interface HomeViewers {

    /** Notes that {@code userId} opened their Home tab at {@code at}. */
    void opened(String userId, Instant at);

    /** Everyone who opened it at or after {@code since}. */
    List<String> openedSince(Instant since);
}

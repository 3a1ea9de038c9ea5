package dev.scribe.slack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes Home tabs again when incidents start, change or close, for the people who have opened theirs (kept in
 * {@link HomeViewers}, so a restart still knows them). Debounced and paced: a person's Home is published at most once
 * per {@link #PER_PERSON}, requests for someone already waiting are folded into one, and across everyone at most one
 * publish per {@link #BETWEEN_PUBLISHES} (60 a minute, well below views.publish's Tier 4 of 100+). A rate limit from
 * Slack pauses publishing for its Retry-After. {@link #publishDue()} does one step; a timer calls it.
 */
public final class HomeRefresher {

    public static final Duration PER_PERSON = Duration.ofSeconds(5);
    public static final Duration BETWEEN_PUBLISHES = Duration.ofSeconds(1);
    /** Someone who has not opened Home for this long is no longer refreshed (until they open it again). */
    public static final Duration VIEWERS_KEPT = Duration.ofDays(30);
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(HomeRefresher.class);

    private final HomeViewers viewers;
    private final Consumer<String> publish;
    private final Clock clock;
    private final Set<String> waiting = new LinkedHashSet<>();
    private final Map<String, Instant> lastPublished = new HashMap<>();
    private Instant pausedUntil = Instant.MIN;

    /** @param publish publishes one person's Home tab; throws {@link SlackCallException} when Slack refuses */
    public HomeRefresher(HomeViewers viewers, Consumer<String> publish, Clock clock) {
        this.viewers = viewers;
        this.publish = publish;
        this.clock = clock;
    }

    /** Someone opened their Home tab: remembered, and their Home published soon. */
    public void opened(String userId) {
        viewers.opened(userId, clock.instant());
        synchronized (this) {
            waiting.add(userId);
        }
    }

    /** An incident started, changed or closed: everyone who has opened Home lately gets theirs again. */
    public void incidentsChanged() {
        List<String> everyone;
        try {
            everyone = viewers.openedSince(clock.instant().minus(VIEWERS_KEPT));
        } catch (RuntimeException e) {
            log.warn("Could not read who has opened Home: {}", e.toString());
            return;
        }
        synchronized (this) {
            waiting.addAll(everyone);
        }
    }

    /** Publishes the next Home tab that is due, if publishing is not paused; false when none was. */
    public boolean publishDue() {
        String next;
        Instant now = clock.instant();
        synchronized (this) {
            if (now.isBefore(pausedUntil)) {
                return false;
            }
            Optional<String> due = waiting.stream()
                    .filter(u -> !lastPublished.getOrDefault(u, Instant.MIN).plus(PER_PERSON).isAfter(now)).findFirst();
            if (due.isEmpty()) {
                return false;
            }
            next = due.get();
            waiting.remove(next);
            lastPublished.put(next, now);
            pausedUntil = now.plus(BETWEEN_PUBLISHES);
        }
        try {
            publish.accept(next);
        } catch (SlackCallException e) {
            if (e.isRateLimit()) {
                Duration wait = e.retryAfter().orElse(RATE_LIMIT_WAIT);
                log.info("Slack is rate-limiting views.publish; publishing Home tabs again in {} s", wait.toSeconds());
                synchronized (this) {
                    pausedUntil = now.plus(wait);
                    waiting.add(next);
                    lastPublished.remove(next);
                }
            } else {
                log.warn("Could not publish a Home tab: {}", e.error());
            }
        } catch (RuntimeException e) {
            log.warn("Could not publish a Home tab: {}", e.toString());
        }
        return true;
    }

    /** How many Home tabs wait to be published. */
    synchronized int waiting() {
        return waiting.size();
    }
}

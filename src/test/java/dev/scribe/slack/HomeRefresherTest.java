package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.SteppedClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Home tabs refreshed on changes: debounced per person, paced across everyone, paused by a rate limit. Stepped time. */
class HomeRefresherTest {

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final Map<String, Instant> viewers = new LinkedHashMap<>();
    private final List<String> published = new ArrayList<>();
    private SlackCallException refuseNext;

    private final HomeViewers stored = new HomeViewers() {
        @Override
        public void opened(String userId, Instant at) {
            viewers.put(userId, at);
        }

        @Override
        public List<String> openedSince(Instant since) {
            return viewers.entrySet().stream().filter(e -> !e.getValue().isBefore(since)).map(Map.Entry::getKey).toList();
        }
    };

    private final HomeRefresher home = new HomeRefresher(stored, user -> {
        if (refuseNext != null) {
            SlackCallException e = refuseNext;
            refuseNext = null;
            throw e;
        }
        published.add(user);
    }, clock);

    /** Runs the timer's steps for {@code seconds} of stepped time, a quarter of a second apart. */
    private void run(int seconds) {
        for (int i = 0; i < seconds * 4; i++) {
            home.publishDue();
            clock.advance(Duration.ofMillis(250));
        }
    }

    @Test
    void openingHomePublishesItAndIsRemembered() {
        home.opened("U1");
        assertTrue(home.publishDue());
        assertEquals(List.of("U1"), published);
        assertEquals(List.of("U1"), stored.openedSince(Instant.EPOCH));
    }

    @Test
    void aBurstOfChangesIsOneRefreshPerPersonOnceTheirIntervalHasPassed() {
        home.opened("U1");
        run(1);
        assertEquals(1, published.size());
        for (int i = 0; i < 10; i++) {
            home.incidentsChanged();
        }
        run(3);
        assertEquals(1, published.size(), "not before " + HomeRefresher.PER_PERSON + " since the last publish");
        run(2);
        assertEquals(List.of("U1", "U1"), published, "ten changes, one refresh");
        run(30);
        assertEquals(2, published.size(), "nothing left to publish");
    }

    @Test
    void acrossPeoplePublishesArePacedOneASecond() {
        for (int i = 0; i < 5; i++) {
            home.opened("U" + i);
        }
        run(3);
        assertEquals(3, published.size(), published.toString());
        run(3);
        assertEquals(List.of("U0", "U1", "U2", "U3", "U4"), published);
    }

    @Test
    void aRateLimitPausesPublishingForItsRetryAfterAndThePersonIsStillRefreshed() {
        home.opened("U1");
        refuseNext = new SlackCallException("views.publish", SlackCalls.RATELIMITED, Duration.ofSeconds(20), null);
        assertTrue(home.publishDue());
        assertEquals(List.of(), published);
        run(19);
        assertEquals(List.of(), published);
        run(2);
        assertEquals(List.of("U1"), published);
    }

    @Test
    void peopleWhoHaveNotOpenedHomeForAMonthAreNotRefreshed() {
        stored.opened("U0OLD", clock.instant());
        clock.advance(HomeRefresher.VIEWERS_KEPT.plusDays(1));
        home.opened("U1");
        run(1);
        clock.advance(Duration.ofMinutes(1));
        home.incidentsChanged();
        run(10);
        assertEquals(List.of("U1", "U1"), published);
        assertFalse(published.contains("U0OLD"));
    }
}

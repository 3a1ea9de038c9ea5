package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import dev.scribe.incident.Announcements;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Postmortem;
import dev.scribe.slack.view.IncidentHeader;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pinned header current (status, severity, roles, key timings so far) with {@code chat.update},
 * and the incident's announcement in the channel where it was started (severity and status). Refreshes run one
 * at a time on their own thread, so an older compile never overwrites a newer one, and requests for an incident
 * already waiting for a refresh are folded into it. A rate-limited update is asked for again once Slack's
 * {@code Retry-After} has passed.
 */
public final class HeaderRefresher implements IntConsumer {

    private static final Logger log = LoggerFactory.getLogger(HeaderRefresher.class);
    /** How long to wait after a rate limit Slack gave no Retry-After for. */
    private static final Duration RATE_LIMIT_WAIT = Duration.ofSeconds(5);

    private final IncidentService incidents;
    private final ReportPublisher publisher;
    private final SlackWebPoster poster;
    private final Announcements announcements;
    private final ScheduledExecutorService serial;
    private final ZoneId zone;
    private final Set<Integer> pending = ConcurrentHashMap.newKeySet();
    /** The announcement text last sent for each incident: the announcement changes far less often than the header. */
    private final Map<Integer, String> announced = new ConcurrentHashMap<>();
    private final IntFunction<Optional<String>> pages;

    /** @param serial a single-threaded executor owned by the caller */
    public HeaderRefresher(IncidentService incidents, ReportPublisher publisher, MethodsClient methods,
                           Announcements announcements, ScheduledExecutorService serial, ZoneId zone) {
        this(incidents, publisher, methods, announcements, serial, zone, number -> Optional.empty());
    }

    /** As above; {@code pages} gives an incident's web page, which the announcement links to (empty: no link). */
    public HeaderRefresher(IncidentService incidents, ReportPublisher publisher, MethodsClient methods,
                           Announcements announcements, ScheduledExecutorService serial, ZoneId zone,
                           IntFunction<Optional<String>> pages) {
        this.pages = pages;
        this.incidents = incidents;
        this.publisher = publisher;
        this.poster = new SlackWebPoster(methods);
        this.announcements = announcements;
        this.serial = serial;
        this.zone = zone;
    }

    /** Asks for the header and the announcement of an incident to be refreshed soon. */
    @Override
    public void accept(int number) {
        if (pending.add(number)) {
            serial.execute(() -> {
                pending.remove(number);
                refresh(number);
            });
        }
    }

    private void refresh(int number) {
        Incident incident;
        try {
            incident = incidents.find(number).orElse(null);
        } catch (RuntimeException e) {
            log.warn("Could not refresh the header of incident {}: {}", number, e.toString());
            return;
        }
        if (incident == null) {
            return;
        }
        refreshHeader(incident);
        refreshAnnouncement(incident);
    }

    private void refreshHeader(Incident incident) {
        if (incident.header().isEmpty()) {
            return;
        }
        try {
            Postmortem report = publisher.compile(incident.number());
            poster.update(incident.channelId(), incident.headerTs(), IncidentHeader.fromReport(incident,
                    incidents.roleHolders(incident), report, zone, incidents.reactions()));
        } catch (SlackCallException e) {
            failed("header", incident.number(), e);
        } catch (RuntimeException e) {
            // The header is a convenience; the record itself is safe in the database.
            log.warn("Could not refresh the header of incident {}: {}", incident.number(), e.toString());
        }
    }

    private void refreshAnnouncement(Incident incident) {
        try {
            announcements.of(incident.number()).ifPresent(at -> {
                SlackMessage message = ReportBlocks.announcementMessage(incident, pages.apply(incident.number()));
                if (message.text().equals(announced.get(incident.number()))) {
                    return;
                }
                poster.update(at.channelId(), at.messageTs(), message);
                announced.put(incident.number(), message.text());
            });
        } catch (SlackCallException e) {
            failed("announcement", incident.number(), e);
        } catch (RuntimeException e) {
            log.warn("Could not refresh the announcement of incident {}: {}", incident.number(), e.toString());
        }
    }

    /** A rate limit means trying again once it has passed (folded with any refresh asked for meanwhile). */
    private void failed(String what, int number, SlackCallException e) {
        if (e.isRateLimit()) {
            Duration wait = e.retryAfter().orElse(RATE_LIMIT_WAIT);
            log.info("Slack is rate-limiting {}; refreshing the {} of incident {} again in {} s", e.method(), what, number,
                    wait.toSeconds());
            serial.schedule(() -> accept(number), wait.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        log.warn("Could not refresh the {} of incident {}: {}", what, number, e.toString());
    }
}

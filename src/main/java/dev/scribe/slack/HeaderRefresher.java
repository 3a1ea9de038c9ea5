package dev.scribe.slack;

import com.slack.api.methods.MethodsClient;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Postmortem;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pinned header current (status, severity, commander, key timings so far) with {@code chat.update}.
 * Refreshes run one at a time on their own thread, so an older compile never overwrites a newer one, and
 * requests for an incident already waiting for a refresh are folded into it.
 */
public final class HeaderRefresher implements IntConsumer {

    private static final Logger log = LoggerFactory.getLogger(HeaderRefresher.class);

    private final IncidentService incidents;
    private final ReportPublisher publisher;
    private final SlackWebPoster poster;
    private final ExecutorService serial;
    private final ZoneId zone;
    private final Set<Integer> pending = ConcurrentHashMap.newKeySet();

    /** @param serial a single-threaded executor owned by the caller */
    public HeaderRefresher(IncidentService incidents, ReportPublisher publisher, MethodsClient methods,
                           ExecutorService serial, ZoneId zone) {
        this.incidents = incidents;
        this.publisher = publisher;
        this.poster = new SlackWebPoster(methods);
        this.serial = serial;
        this.zone = zone;
    }

    /** Asks for the header of an incident to be refreshed soon. */
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
        try {
            Incident incident = incidents.find(number).orElse(null);
            if (incident == null || incident.header().isEmpty()) {
                return;
            }
            Postmortem report = publisher.compile(number);
            poster.update(incident.channelId(), incident.headerTs(), ReportBlocks.headerMessage(incident, report.timings(), zone,
                    incidents.reactions()));
        } catch (RuntimeException e) {
            // The header is a convenience; the record itself is safe in the database.
            log.warn("Could not refresh the header of incident {}: {}", number, e.toString());
        }
    }
}

package dev.scribe.slack;

import com.slack.api.model.view.View;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.KeyTimings;
import dev.scribe.slack.view.HomeTab;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds and publishes one person's Home tab from what is stored: the open incidents and the last closed ones they may
 * see ({@link IncidentAudience}), each closed one with its time to resolve.
 */
public final class HomeTabs {

    /** Closed incidents read to fill the list after leaving out private ones the person is not in. */
    static final int CLOSED_READ = 3 * HomeTab.CLOSED_SHOWN;

    private final IncidentService incidents;
    private final ReportPublisher reports;
    private final IncidentAudience audience;
    private final Surfaces surfaces;
    private final HomeTab.Buttons buttons;
    private final ZoneId zone;
    /** A close's time to resolve never changes (a reopened incident closes again with a new count): kept once known. */
    private final Map<String, String> timesToResolve = new ConcurrentHashMap<>();

    public HomeTabs(IncidentService incidents, ReportPublisher reports, IncidentAudience audience, Surfaces surfaces,
                    HomeTab.Buttons buttons, ZoneId zone) {
        this.incidents = incidents;
        this.reports = reports;
        this.audience = audience;
        this.surfaces = surfaces;
        this.buttons = buttons;
        this.zone = zone;
    }

    /**
     * Publishes {@code userId}'s Home tab.
     *
     * @throws SlackCallException when Slack refuses it (a rate limit says when to try again)
     */
    public void publish(String userId) {
        surfaces.publishHome(userId, viewFor(userId));
    }

    View viewFor(String userId) {
        List<Incident> open = incidents.listOpen().stream().filter(i -> audience.maySee(userId, i))
                .sorted((a, b) -> Integer.compare(b.number(), a.number())).toList();
        List<HomeTab.Closed> closed = incidents.lastClosed(CLOSED_READ).stream().filter(i -> audience.maySee(userId, i))
                .limit(HomeTab.CLOSED_SHOWN).map(i -> new HomeTab.Closed(i, timeToResolve(i))).toList();
        return HomeTab.build(open, closed, buttons, zone);
    }

    private String timeToResolve(Incident incident) {
        return timesToResolve.computeIfAbsent(incident.number() + "/" + incident.closeCount(), key -> reports
                .compile(incident.number()).timings().spans().stream().filter(s -> s.label().equals("Time to resolve"))
                .findFirst().map(KeyTimings.Span::display).orElse("-"));
    }
}

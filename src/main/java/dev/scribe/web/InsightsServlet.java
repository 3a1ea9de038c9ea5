package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentFilter;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import dev.scribe.report.Insights;
import dev.scribe.report.KeyTimings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /insights} (figures across the incidents of a range) and {@code /insights.csv}, {@code /insights.json}
 * (every incident of the range with its key timings), for a signed-in member of the workspace. An incident of a
 * private channel counts only for the channel's members, and not at all when Slack cannot say (as in the list).
 */
final class InsightsServlet extends PageServlet {

    static final String PATH = "/insights";
    static final String CSV_PATH = "/insights.csv";
    static final String JSON_PATH = "/insights.json";
    /** Incidents read from the store at a time, so a long range does not hold every row at once. */
    private static final int CHUNK = 500;

    private final SignIns signIns;
    private final IncidentAccess access;
    private final IncidentService incidents;
    private final Clock clock;

    InsightsServlet(Pages pages, SignIns signIns, IncidentAccess access, IncidentService incidents,
                    Clock clock) {
        super(pages, Set.of("GET", "HEAD"));
        this.signIns = signIns;
        this.access = access;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Viewer> viewer = signedInViewer(request, response, signIns, access);
        if (viewer.isEmpty()) {
            return;
        }
        ZoneId zone = incidents.zone();
        InsightsQuery query;
        try {
            query = InsightsQuery.read(request, LocalDate.ofInstant(clock.instant(), zone));
        } catch (InsightsQuery.BadQuery e) {
            pages.sendMessage(response, 400, "These insights cannot be shown", e.getMessage());
            return;
        }
        List<InsightsRow> seen = new ArrayList<>();
        int leftOut = 0;
        IncidentFilter filter = new IncidentFilter(true, true, EnumSet.allOf(Severity.class), EnumSet.allOf(Status.class),
                query.from().atStartOfDay(zone).toInstant(), query.to().plusDays(1).atStartOfDay(zone).toInstant());
        for (int offset = 0; ; offset += CHUNK) {
            List<Incident> chunk = incidents.page(filter, offset, CHUNK);
            List<Incident> visible = new ArrayList<>();
            Map<Integer, IncidentAccess.Verdict> verdicts = access.verdicts(viewer.get(), chunk);
            for (Incident incident : chunk) {
                switch (verdicts.get(incident.number())) {
                    case SEE -> visible.add(incident);
                    case CANNOT_CHECK -> leftOut++;
                    case NOT_A_MEMBER -> { }
                }
            }
            // The key timings from their entries and marks alone, a few reads per chunk: compiling every incident's
            // report (names, the whole transcript) cost far more than the figures need (docs/performance.md).
            Map<Integer, List<TimelineEntry>> entries = incidents.timingEntries(
                    visible.stream().map(Incident::number).toList());
            for (Incident incident : visible) {
                seen.add(new InsightsRow(incident, KeyTimings.derive(incident.startedAt(), incident.closedAt(),
                        entries.get(incident.number()))));
            }
            if (chunk.size() < CHUNK) {
                break;
            }
        }
        switch (request.getServletPath()) {
            case CSV_PATH -> download(response, "text/csv;charset=utf-8", "csv",
                    new InsightsExport(query, seen).csv(), query);
            case JSON_PATH -> download(response, "application/json;charset=utf-8", "json",
                    new InsightsExport(query, seen).json(), query);
            default -> {
                List<Insights.Incident> figures = seen.stream().map(r -> new Insights.Incident(r.incident().number(),
                        r.incident().severity(), r.incident().startedAt(), r.timings())).toList();
                Insights insights = Insights.of(figures, query.from(), query.to(), query.grouping(), zone);
                pages.send(response, 200, "insights", new InsightsView(insights, query, zone.getId(), leftOut));
            }
        }
    }

    private static void download(HttpServletResponse response, String type, String extension, String body,
                                 InsightsQuery query) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Pages.secure(response);
        response.setStatus(200);
        response.setContentType(type);
        response.setHeader("Content-Disposition", "attachment; filename=\"incidents-" + query.from() + "-to-"
                + query.to() + "." + extension + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentFilter;
import dev.scribe.incident.IncidentService;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /incidents}: every incident the viewer may see, newest first, {@link #PAGE_SIZE} a page, filtered by
 * status, severity and the day it started (days in the team's zone, which the form names). A filter it does
 * not know, or a value it cannot read, is a 400 page saying which.
 */
final class IncidentList {

    static final int PAGE_SIZE = 25;
    static final int MAX_PAGE = 10_000;
    private static final Set<String> PARAMETERS = Set.of("status", "severity", "from", "to", "page");

    record Option(String value, String label, boolean selected) {
    }

    record Row(int number, String title, String severity, String status, boolean closed, WebText.Time started,
               WebText.Time closedAt) {
    }

    /** The page's model. */
    record Model(String pageTitle, String zone, List<Option> statuses, List<Option> severities, String from, String to,
                 List<Row> rows, int page, String previous, String next, boolean filtered) {
        public boolean empty() {
            return rows.isEmpty();
        }
    }

    /** Thrown for a query the list cannot read; its message is the sentence the 400 page shows. */
    private static final class BadQuery extends Exception {
        BadQuery(String message) {
            super(message);
        }
    }

    private final Pages pages;
    private final IncidentService incidents;
    private final IncidentAccess access;

    IncidentList(Pages pages, IncidentService incidents, IncidentAccess access) {
        this.pages = pages;
        this.incidents = incidents;
        this.access = access;
    }

    void show(HttpServletRequest request, HttpServletResponse response, Viewer viewer) throws IOException {
        try {
            pages.send(response, 200, "list", model(request, viewer));
        } catch (BadQuery e) {
            pages.sendMessage(response, 400, "This list cannot be shown", e.getMessage());
        }
    }

    private Model model(HttpServletRequest request, Viewer viewer) throws BadQuery {
        for (String name : request.getParameterMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadQuery("The list has no filter called '" + shorten(name) + "'; it takes status, severity, "
                        + "from, to and page.");
            }
        }
        ZoneId zone = incidents.zone();
        String status = single(request, "status");
        String severity = single(request, "severity");
        String from = single(request, "from");
        String to = single(request, "to");
        String pageText = single(request, "page");

        boolean open = true;
        boolean closed = true;
        Set<Status> statuses = EnumSet.allOf(Status.class);
        switch (status) {
            case "", "any" -> { }
            case "open" -> closed = false;
            case "closed" -> open = false;
            default -> {
                Status s = Status.parse(status).orElseThrow(() -> new BadQuery("'" + shorten(status) + "' is not a "
                        + "status: use open, closed, investigating, identified, monitoring or resolved."));
                statuses = EnumSet.of(s);
                closed = false;
            }
        }
        Set<Severity> severities = EnumSet.allOf(Severity.class);
        if (!severity.isEmpty() && !severity.equals("any")) {
            severities = EnumSet.of(Severity.parse(severity).orElseThrow(() -> new BadQuery("'" + shorten(severity)
                    + "' is not a severity: use sev1, sev2, sev3 or sev4.")));
        }
        LocalDate fromDay = day(from, "from");
        LocalDate toDay = day(to, "to");
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            throw new BadQuery("The range ends (" + toDay + ") before it starts (" + fromDay + ").");
        }
        int page = 1;
        if (!pageText.isEmpty()) {
            if (!pageText.matches("[1-9][0-9]{0,4}") || Integer.parseInt(pageText) > MAX_PAGE) {
                throw new BadQuery("'" + shorten(pageText) + "' is not a page number: use 1 to " + MAX_PAGE + ".");
            }
            page = Integer.parseInt(pageText);
        }
        IncidentFilter all = IncidentFilter.all();
        Instant startedFrom = fromDay == null ? all.startedFrom() : fromDay.atStartOfDay(zone).toInstant();
        Instant startedBefore = toDay == null ? all.startedBefore() : toDay.plusDays(1).atStartOfDay(zone).toInstant();
        IncidentFilter filter = new IncidentFilter(open, closed, severities, statuses, startedFrom, startedBefore);

        List<Incident> found = incidents.page(filter, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        boolean more = found.size() > PAGE_SIZE;
        List<Row> rows = new ArrayList<>();
        List<Incident> shown = found.subList(0, Math.min(PAGE_SIZE, found.size()));
        Map<Integer, IncidentAccess.Verdict> verdicts = access.verdicts(viewer, shown);
        for (Incident incident : shown) {
            // An incident of a private channel is left out for anyone not in it, as if it did not exist.
            if (verdicts.get(incident.number()) == IncidentAccess.Verdict.SEE) {
                rows.add(new Row(incident.number(), incident.title(), incident.severity().label(),
                        incident.isOpen() ? incident.status().label() : "Closed", !incident.isOpen(),
                        WebText.time(incident.startedAt(), zone),
                        incident.closed().map(at -> WebText.time(at, zone)).orElse(null)));
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("status", status);
        kept.put("severity", severity);
        kept.put("from", from);
        kept.put("to", to);
        List<Option> statusOptions = new ArrayList<>();
        statusOptions.add(new Option("any", "any", status.isEmpty() || status.equals("any")));
        statusOptions.add(new Option("open", "open", status.equals("open")));
        statusOptions.add(new Option("closed", "closed", status.equals("closed")));
        for (Status s : Status.values()) {
            statusOptions.add(new Option(s.word(), "open, " + s.word(), status.equals(s.word())));
        }
        List<Option> severityOptions = new ArrayList<>();
        severityOptions.add(new Option("any", "any", severity.isEmpty() || severity.equals("any")));
        for (Severity s : Severity.values()) {
            String word = s.label().toLowerCase(Locale.ROOT);
            severityOptions.add(new Option(word, s.label(), word.equals(severity.toLowerCase(Locale.ROOT))));
        }
        boolean filtered = !(status.isEmpty() || status.equals("any")) || !(severity.isEmpty() || severity.equals("any"))
                || fromDay != null || toDay != null;
        return new Model("Incidents · Incident Scribe", zone.getId(), statusOptions, severityOptions, from, to, rows, page,
                page > 1 ? link(kept, page - 1) : null, more ? link(kept, page + 1) : null, filtered);
    }

    private static String single(HttpServletRequest request, String name) throws BadQuery {
        String[] values = request.getParameterValues(name);
        if (values == null) {
            return "";
        }
        if (values.length > 1) {
            throw new BadQuery("The filter '" + name + "' is given " + values.length + " times; give it once.");
        }
        return values[0].strip();
    }

    private static LocalDate day(String text, String name) throws BadQuery {
        if (text.isEmpty()) {
            return null;
        }
        try {
            if (!text.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeException(text);
            }
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadQuery("'" + shorten(text) + "' is not a day for '" + name + "': use YYYY-MM-DD, e.g. 2026-12-01.");
        }
    }

    private static String link(Map<String, String> kept, int page) {
        StringBuilder query = new StringBuilder(IncidentPagesServlet.LIST_PATH + "?");
        kept.forEach((name, value) -> {
            if (!value.isEmpty()) {
                query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
        });
        return query.append("page=").append(page).toString();
    }

    /** Quoted input is cut, so a huge value does not make a huge page. */
    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}

package dev.scribe.web;

import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentService;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemRenderer;
import dev.scribe.report.TranscriptPages;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /incidents} (the list) and {@code /incidents/<n>} (one incident, and its RCA Markdown as
 * {@code /incidents/<n>/incident-<n>-rca.md}; {@code ?transcript=<k>} shows the transcript's page k), for a signed-in member of the workspace; an incident of a private
 * channel only for its members. Anything else is a 4xx page that shows no incident data.
 */
final class IncidentPagesServlet extends PageServlet {

    static final String LIST_PATH = "/incidents";
    private static final Pattern INCIDENT = Pattern.compile("/([1-9][0-9]{0,8})(?:/(incident-([1-9][0-9]{0,8})-rca\\.md))?");

    private static final Pattern PAGE_NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

    private final SignIns signIns;
    private final IncidentAccess access;
    private final IncidentService incidents;
    private final IntFunction<Postmortem> reports;
    private final IncidentList list;
    private final Clock clock;

    /** @param reports compiles an incident's report, as the Markdown and Slack reports are compiled */
    IncidentPagesServlet(Pages pages, SignIns signIns, IncidentAccess access, IncidentService incidents,
                         IntFunction<Postmortem> reports, Clock clock) {
        super(pages, Set.of("GET", "HEAD"));
        this.signIns = signIns;
        this.access = access;
        this.incidents = incidents;
        this.reports = reports;
        this.list = new IncidentList(pages, incidents, access);
        this.clock = clock;
    }

    @Override
    protected void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<Viewer> viewer = signedInViewer(request, response, signIns, access);
        if (viewer.isEmpty()) {
            return;
        }
        String path = request.getPathInfo();
        if (path == null || path.equals("/")) {
            list.show(request, response, viewer.get());
            return;
        }
        Matcher m = INCIDENT.matcher(path);
        if (!m.matches()) {
            pages.sendMessage(response, 404, "No such page",
                    "Incident pages have addresses like /incidents/7. Start from the incident list.");
            return;
        }
        int number = Integer.parseInt(m.group(1));
        if (m.group(2) != null && !m.group(1).equals(m.group(3))) {
            notFound(response, number);
            return;
        }
        Optional<Incident> incident = incidents.find(number);
        if (incident.isEmpty()) {
            notFound(response, number);
            return;
        }
        switch (access.verdict(viewer.get(), incident.get())) {
            case NOT_A_MEMBER -> notFound(response, number);
            case CANNOT_CHECK -> pages.sendMessage(response, 403, "Could not check who may see incident " + number,
                    "Slack did not say whether you are a member of this incident's channel, so nothing is shown. "
                            + "Try again in a minute.");
            case SEE -> {
                if (m.group(2) != null) {
                    markdown(response, reports.apply(number));
                    return;
                }
                OptionalInt page = transcriptPage(request);
                if (page.isEmpty()) {
                    pages.sendMessage(response, 400, "No such transcript page",
                            "Transcript pages are numbered from 1, as in /incidents/" + number + "?"
                                    + IncidentView.TRANSCRIPT_PARAMETER + "=2. Start from the incident's first page.");
                    return;
                }
                Postmortem report = reports.apply(number);
                TranscriptPages transcript = new TranscriptPages(report.transcript(), IncidentView.TRANSCRIPT_PAGE);
                if (page.getAsInt() > transcript.count()) {
                    pages.sendMessage(response, 404, "No transcript page " + page.getAsInt(),
                            "The transcript of incident " + number + " has " + transcript.count()
                                    + (transcript.count() == 1 ? " page." : " pages."));
                    return;
                }
                pages.send(response, 200, "incident",
                        new IncidentView(report, transcript.page(page.getAsInt()), clock.instant()));
            }
        }
    }

    /** The transcript page asked for, 1 when none is; empty when the parameter is not one page number. */
    private static OptionalInt transcriptPage(HttpServletRequest request) {
        String[] values = request.getParameterValues(IncidentView.TRANSCRIPT_PARAMETER);
        if (values == null) {
            return OptionalInt.of(1);
        }
        if (values.length != 1 || !PAGE_NUMBER.matcher(values[0]).matches()) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(values[0]));
    }

    /** The same answer whether the incident does not exist or is not the viewer's to see: nothing leaks. */
    private void notFound(HttpServletResponse response, int number) throws IOException {
        pages.sendMessage(response, 404, "No incident " + number + " for you",
                "There is no incident " + number + " that you may see. Incidents of private channels are shown "
                        + "only to the channel's members.");
    }

    private static void markdown(HttpServletResponse response, Postmortem report) throws IOException {
        byte[] bytes = new PostmortemRenderer().render(report).getBytes(StandardCharsets.UTF_8);
        Pages.secure(response);
        response.setStatus(200);
        response.setContentType("text/markdown;charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + report.fileName() + "\"");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

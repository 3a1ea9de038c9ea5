package dev.scribe.web;

import dev.scribe.incident.IncidentService;
import dev.scribe.report.Postmortem;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.function.IntFunction;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/** The incident pages and what they need, added to the web server as one piece. */
public final class IncidentPages {

    private final Pages pages = new Pages();
    private final SignIns signIns;
    private final IncidentAccess access;
    private final IncidentService incidents;
    private final IntFunction<Postmortem> reports;
    private final Optional<URI> publicUrl;
    private final Clock clock;

    /**
     * @param reports   compiles an incident's report (the one the Markdown is written from)
     * @param publicUrl {@code SCRIBE_PUBLIC_URL}: decides whether the cookie is Secure
     */
    public IncidentPages(SignIns signIns, IncidentAccess access, IncidentService incidents,
                         IntFunction<Postmortem> reports, Optional<URI> publicUrl, Clock clock) {
        this.signIns = signIns;
        this.access = access;
        this.incidents = incidents;
        this.reports = reports;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    void addTo(ServletContextHandler context) {
        context.addServlet(new ServletHolder(new SignInServlet(signIns, pages, publicUrl)), SignInLinks.PATH);
        IncidentPagesServlet incidentPages = new IncidentPagesServlet(pages, signIns, access, incidents, reports, clock);
        context.addServlet(new ServletHolder(incidentPages), IncidentPagesServlet.LIST_PATH);
        context.addServlet(new ServletHolder(incidentPages), IncidentPagesServlet.LIST_PATH + "/*");
        ServletHolder insights = new ServletHolder(new InsightsServlet(pages, signIns, access, incidents, clock));
        context.addServlet(insights, InsightsServlet.PATH);
        context.addServlet(insights, InsightsServlet.CSV_PATH);
        context.addServlet(insights, InsightsServlet.JSON_PATH);
        context.addServlet(new ServletHolder(new StaticServlet(pages)), StaticServlet.PATH + "/*");
    }
}

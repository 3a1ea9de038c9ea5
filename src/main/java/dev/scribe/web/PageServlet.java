package dev.scribe.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet of the pages: a method it does not take gets a 405 page, a query string longer than any form makes a
 * 414 page, and a failure on our side a 500 page with a reference for the log; never a stack trace.
 */
abstract class PageServlet extends HttpServlet {

    /** Longer than any filter form makes (about 120 characters), far shorter than Jetty's header limit. */
    static final int MAX_QUERY = 2048;

    private static final Logger log = LoggerFactory.getLogger(PageServlet.class);

    protected final Pages pages;
    private final Set<String> methods;

    PageServlet(Pages pages, Set<String> methods) {
        this.pages = pages;
        this.methods = methods;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            if (!methods.contains(request.getMethod())) {
                response.setHeader("Allow", String.join(", ", methods.stream().sorted().toList()));
                pages.sendMessage(response, 405, "Not a way to ask for this page",
                        "This address takes " + String.join(" and ", methods.stream().sorted().toList()) + " only.");
                return;
            }
            String query = request.getQueryString();
            if (query != null && query.length() > MAX_QUERY) {
                pages.sendMessage(response, 414, "This address is too long",
                        "No page of Incident Scribe takes a query this long. Start again from the incident list.");
                return;
            }
            handle(request, response);
        } catch (RuntimeException e) {
            String ref = UUID.randomUUID().toString().substring(0, 8);
            log.error("{} {} failed [ref {}]", request.getMethod(), request.getRequestURI(), ref, e);
            if (!response.isCommitted()) {
                response.reset();
                pages.sendMessage(response, 500, "Something went wrong on our side",
                        "The page could not be made (ref " + ref + "). Try again in a minute.");
            }
        }
    }

    /** Answers a request of a method this servlet takes. */
    protected abstract void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;

    /**
     * The signed-in viewer from the workspace that installed the bot; otherwise the page saying why (401 signed out,
     * 403 another workspace) is sent and the result is empty. Every page of incident data asks this first.
     */
    protected final Optional<Viewer> signedInViewer(HttpServletRequest request, HttpServletResponse response,
                                                    SignIns signIns, IncidentAccess access) throws IOException {
        Optional<Viewer> viewer = Cookies.session(request).flatMap(signIns::viewer);
        if (viewer.isEmpty()) {
            pages.sendMessage(response, 401, "Sign in to see incidents",
                    "Incident records are only for people who prove in Slack who they are. " + SignInServlet.HOW_TO_GET_ONE);
            return Optional.empty();
        }
        if (!access.inWorkspace(viewer.get())) {
            pages.sendMessage(response, 403, "Not your workspace",
                    "These incidents are only for members of the workspace that installed Incident Scribe.");
            return Optional.empty();
        }
        return viewer;
    }
}

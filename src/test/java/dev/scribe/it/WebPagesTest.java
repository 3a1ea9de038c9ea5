package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident pages over real HTTP: who sees what (a private incident only for its channel's members, the
 * same 404 as a missing one for everyone else), user text escaped, the CSP, the RCA download, the list and its
 * filters, and a 4xx page (never 5xx, never a stack trace) for every bad request.
 */
class WebPagesTest {

    @TempDir
    static Path dir;
    static RunningScribe bot;
    static WebClient web;
    static String alice;
    static String bob;

    @BeforeAll
    static void seed() throws Exception {
        int port = WebClient.freePort();
        bot = RunningScribe.start(dir, WebScenario.environment(port), Clock.systemUTC());
        web = new WebClient(port);
        WebScenario.seed(bot, Clock.systemUTC());
        alice = web.signIn(bot, ALICE);
        bob = web.signIn(bot, BOB);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void theIncidentPageEscapesEveryUserTextAndForbidsInlineScript() {
        HttpResponse<String> page = web.get("/incidents/1", bob);
        assertEquals(200, page.statusCode(), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && !csp.contains("unsafe"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        String html = page.body();
        assertTrue(html.contains("Checkout &lt;b&gt;latency&lt;/b&gt;"), "the title as text");
        assertTrue(html.contains("&lt;script&gt;window.__xss&#61;1;document.title&#61;&#39;owned&#39;&lt;/script&gt;"), html);
        assertTrue(html.contains("&lt;img src&#61;x onerror&#61;&quot;window.__xss&#61;2&quot;&gt;"), html);
        assertFalse(html.contains("<b>latency") || html.contains("<script>window") || html.contains("<img src=x"));
        assertEquals(1, count(html, "<script"), "only the page's own script file");
        assertTrue(html.contains("<script src=\"/static/scribe.js\" defer></script>"));
    }

    @Test
    void theRcaDownloadIsTheSameMarkdownTheReportPosted() {
        HttpResponse<String> md = web.get("/incidents/1/incident-1-rca.md", bob);
        assertEquals(200, md.statusCode());
        assertEquals("attachment; filename=\"incident-1-rca.md\"", md.headers().firstValue("Content-Disposition").orElseThrow());
        assertTrue(md.headers().firstValue("Content-Type").orElseThrow().startsWith("text/markdown"));
        assertEquals(bot.awaitReport(1).contentAsUtf8(), md.body());
    }

    @Test
    void aPrivateIncidentIsShownOnlyToItsChannelsMembers() {
        HttpResponse<String> member = web.get("/incidents/2", alice);
        assertEquals(200, member.statusCode());
        assertTrue(member.body().contains(WebScenario.SECRET_TITLE));
        assertTrue(member.body().contains("the export bucket was public"));

        HttpResponse<String> other = web.get("/incidents/2", bob);
        HttpResponse<String> missing = web.get("/incidents/3", bob);
        assertEquals(404, other.statusCode());
        assertEquals(missing.body().replace("incident 3", "incident N"), other.body().replace("incident 2", "incident N"),
                "as if it did not exist");
        for (HttpResponse<String> r : List.of(other, web.get("/incidents/2/incident-2-rca.md", bob), web.get("/incidents", bob),
                web.get("/incidents?severity=sev1", bob))) {
            assertFalse(r.body().contains("Payroll") || r.body().contains("export bucket"), r.body());
        }
        assertTrue(web.get("/incidents", alice).body().contains(WebScenario.SECRET_TITLE));
        assertTrue(web.get("/incidents", bob).body().contains("Checkout &lt;b&gt;latency&lt;/b&gt;"));
    }

    @Test
    void nobodySignedOutSeesAnything() {
        for (String path : List.of("/incidents", "/incidents/1", "/incidents/1/incident-1-rca.md")) {
            HttpResponse<String> r = web.get(path, null);
            assertEquals(401, r.statusCode(), path);
            assertFalse(r.body().contains("Checkout"), path);
            assertEquals(401, web.get(path, "scribe_session=" + "A".repeat(43)).statusCode(), "a made-up session");
        }
    }

    @Test
    void theListIsNewestFirstAndFilters() {
        String all = web.get("/incidents", alice).body();
        assertTrue(all.indexOf(WebScenario.SECRET_TITLE) < all.indexOf("Checkout &lt;b&gt;"), "newest first");
        String closed = web.get("/incidents?status=closed&severity=any", alice).body();
        assertTrue(closed.contains("Checkout") && !closed.contains(WebScenario.SECRET_TITLE), closed);
        String sev1 = web.get("/incidents?severity=sev1&status=open", alice).body();
        assertTrue(!sev1.contains("Checkout") && sev1.contains(WebScenario.SECRET_TITLE), sev1);
        String monitoring = web.get("/incidents?status=investigating", alice).body();
        assertTrue(monitoring.contains(WebScenario.SECRET_TITLE) && !monitoring.contains("Checkout"), monitoring);
        String future = web.get("/incidents?from=2999-01-01", alice).body();
        assertTrue(future.contains("No incident you may see matches these filters."), future);
        String past = web.get("/incidents?from=2013-01-01&to=2014-01-01", alice).body();
        assertTrue(past.contains("No incident you may see matches these filters."), past);
        assertTrue(web.get("/incidents?page=2", alice).body().contains("No incident you may see"), "past the last page");
    }

    @Test
    void badRequestsGetA4xxPageWithoutATrace() {
        String huge = "a".repeat(3000);
        Object[][] cases = {
                {"GET", "/incidents/abc", 404}, {"GET", "/incidents/99999", 404}, {"GET", "/incidents/0", 404},
                {"GET", "/incidents/-1", 404}, {"GET", "/incidents/99999999999999", 404},
                {"GET", "/incidents/1/incident-2-rca.md", 404}, {"GET", "/incidents/1/timeline", 404},
                {"GET", "/incidents?bogus=1", 400}, {"GET", "/incidents?status=sleeping", 400},
                {"GET", "/incidents?severity=sev9", 400}, {"GET", "/incidents?page=0", 400},
                {"GET", "/incidents?page=abc", 400}, {"GET", "/incidents?from=2026-13-01", 400},
                {"GET", "/incidents?from=2026-12-02&to=2026-12-01", 400}, {"GET", "/incidents?status=open&status=closed", 400},
                {"GET", "/incidents?q=" + huge, 414}, {"POST", "/incidents", 405}, {"DELETE", "/incidents/1", 405},
                {"PUT", "/signin", 405}, {"GET", "/static/nothing.js", 404}, {"PATCH", "/static/scribe.js", 405},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = web.send((String) c[0], (String) c[1], alice);
            assertEquals(c[2], r.statusCode(), c[0] + " " + c[1] + ": " + r.body());
            WebClient.assertNoTrace(r);
            assertTrue(r.body().contains("<h1>"), "a page that explains: " + r.body());
            assertFalse(r.body().contains("Checkout") || r.body().contains("Payroll"), c[1] + " shows no data");
        }
        // Longer than Jetty takes at all: refused by Jetty itself, still a 4xx without a trace.
        HttpResponse<String> tooLong = web.get("/incidents?q=" + "a".repeat(20_000), alice);
        WebClient.assertNoTrace(tooLong);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

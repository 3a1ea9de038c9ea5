package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.scribe.web.IncidentAccess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /insights} and its CSV and JSON over real HTTP, over incidents seeded through the signed servlet: the
 * figures the key timings give, a private incident only for its channel's members, "no data" that says why, the
 * export parsed back (formula titles defused), and a 4xx page for every bad request.
 */
class WebInsightsTest {

    @TempDir
    static Path dir;
    static MovableClock clock = new MovableClock();
    static RunningScribe bot;
    static WebClient web;
    static InsightsScenario scenario;
    static String alice;
    static String bob;

    @BeforeAll
    static void seed() throws Exception {
        int port = WebClient.freePort();
        bot = RunningScribe.start(dir, WebScenario.environment(port), clock);
        web = new WebClient(port);
        scenario = InsightsScenario.seed(bot, clock);
        alice = web.signIn(bot, ALICE);
        bob = web.signIn(bot, BOB);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void theFiguresAreTheMedianAndP90OfTheKeyTimingsOfTheIncidentsTheViewerMaySee() {
        HttpResponse<String> page = web.get("/insights", bob);
        assertEquals(200, page.statusCode(), page.body());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && !csp.contains("unsafe"), csp);
        String html = page.body();
        assertTrue(html.contains("3 incident(s) in the range."), "Bob is not in the private channel: " + html);
        assertFalse(html.contains("Vault"), html);
        // Detect: 5m, 10m. Acknowledge: 10m, 5m, 5m. Mitigate: 20m, 20m. Resolve: 30m, 20m, 30m.
        assertEquals(List.of("Time to detect|2|7m|10m", "Time to acknowledge|3|5m|10m", "Time to mitigate|2|20m|20m",
                "Time to resolve|3|30m|30m"), rows(html, "figure-table"));
        assertEquals(List.of("Cause identified|0 of 3|0%", "Triggered|2 of 3|66%", "Mitigated|2 of 3|66%",
                "Detected|3 of 3|100%", "Acknowledged|3 of 3|100%", "Resolved|3 of 3|100%"), rows(html, "moment-table"));
        assertEquals(3, rows(html, "bucket-table").stream().mapToInt(r -> Integer.parseInt(r.substring(r.lastIndexOf('|') + 1))).sum());
        assertEquals(3, count(html, "<rect class=\"bar bar-"), "one bar piece per week and severity with incidents");
        assertEquals(8, count(html, "<rect class=\"duration "), "median and p90 of four durations");

        String mine = web.get("/insights", alice).body();
        assertTrue(mine.contains("4 incident(s) in the range."), mine);
        assertTrue(rows(mine, "moment-table").contains("Triggered|2 of 4|50%"), mine);
        assertTrue(mine.contains("<rect class=\"bar bar-SEV1\""), "the private SEV1 counts for its member");
    }

    @Test
    void slackIsAskedOnceWhichChannelsArePublicAndOnlyPrivateChannelsOneByOne() {
        clock.set(clock.instant().plus(IncidentAccess.ANSWER_KEPT).plusSeconds(1));
        int lists = bot.slack.callCount("conversations.list");
        int infos = bot.slack.callCount("conversations.info");
        assertTrue(web.get("/insights", alice).body().contains("4 incident(s) in the range."));
        assertEquals(1, bot.slack.callCount("conversations.list") - lists);
        assertEquals(1, bot.slack.callCount("conversations.info") - infos, "only the private channel's");
        web.get("/insights", alice);
        assertEquals(1, bot.slack.callCount("conversations.list") - lists, "the list is kept a while");
    }

    @Test
    void aPrivateIncidentSlackCannotVouchForIsLeftOutAndTheNoteSaysSo() {
        assertFalse(web.get("/insights", alice).body().contains("left out"), "nothing left out while Slack answers");
        // Slack's last answer is used for a while: only once it ran out is Slack asked again.
        bot.slack.failNext("conversations.members", "internal_error");
        assertFalse(web.get("/insights", alice).body().contains("left out"), "Slack's answer of moments ago still holds");
        clock.set(clock.instant().plus(IncidentAccess.ANSWER_KEPT).plusSeconds(1));
        String page = web.get("/insights", alice).body();
        assertTrue(page.contains("1 incident(s) of private channels are left out: Slack did not say whether you are a member."),
                page);
        assertTrue(page.contains("3 incident(s) in the range."), page);
        assertFalse(page.contains("Vault"), page);
    }

    @Test
    void aRangeAndMonthsNarrowTheFiguresAndAnEmptyRangeSaysWhy() {
        String recent = web.get("/insights?from=" + InsightsScenario.day(scenario.second) + "&by=month", bob).body();
        assertTrue(recent.contains("2 incident(s) in the range."), recent);
        assertTrue(recent.contains("Incidents by severity, per month"), recent);

        String day = InsightsScenario.day(scenario.first).toString();
        String untriggered = web.get("/insights?from=" + day + "&to=" + day, bob).body();
        assertTrue(untriggered.contains("1 incident(s) in the range."), untriggered);
        assertTrue(rows(untriggered, "figure-table").contains(
                "Time to detect|0|Nobody marked a trigger in this range, so there is no time to detect."), untriggered);

        String future = web.get("/insights?from=2999-01-01&to=2999-01-31", bob).body();
        assertTrue(future.contains("No incident you may see started in this range, so there are no figures."), future);
        assertTrue(rows(future, "figure-table").contains("Time to resolve|0|No incident started in this range."), future);
        assertFalse(future.contains("id=\"duration-chart\""), "no chart of nothing");
    }

    @Test
    void theCsvHasEveryIncidentWithItsKeyTimingsAndDefusesFormulas() {
        HttpResponse<String> csv = web.get("/insights.csv", bob);
        assertEquals(200, csv.statusCode(), csv.body());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
        assertTrue(csv.headers().firstValue("Content-Disposition").orElseThrow().startsWith("attachment; filename=\"incidents-"));
        List<List<String>> table = parseCsv(csv.body());
        assertEquals(List.of("number", "title", "severity", "status", "started_at", "triggered_at", "detected_at",
                "acknowledged_at", "cause_identified_at", "mitigated_at", "resolved_at", "closed_at", "time_to_detect_s",
                "time_to_acknowledge_s", "time_to_mitigate_s", "time_to_resolve_s", "duration_s"), table.get(0));
        assertEquals(4, table.size(), "a header and Bob's three incidents");
        List<String> first = table.stream().filter(r -> r.get(0).equals("1")).findFirst().orElseThrow();
        assertEquals("'" + InsightsScenario.FORMULA_TITLE, first.get(1), "a title that is a formula stays text");
        assertEquals(List.of("SEV2", "Closed"), first.subList(2, 4));
        assertEquals("", first.get(5), "no trigger");
        assertEquals(scenario.first.minusSeconds(3600).toString(), first.get(6));
        assertEquals(List.of("", "600", "1200", "1800", "1800"), first.subList(12, 17));
        List<String> second = table.stream().filter(r -> r.get(0).equals("2")).findFirst().orElseThrow();
        assertEquals(List.of("300", "300", "", "1200", "1500"), second.subList(12, 17));
        assertEquals("Queue backlog", second.get(1));
        assertFalse(csv.body().contains("Vault"));
    }

    @Test
    void theJsonMatchesTheCsv() {
        HttpResponse<String> json = web.get("/insights.json?by=month", alice);
        assertEquals(200, json.statusCode(), json.body());
        assertTrue(json.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        JsonObject root = JsonParser.parseString(json.body()).getAsJsonObject();
        assertEquals("month", root.get("by").getAsString());
        JsonArray incidents = root.getAsJsonArray("incidents");
        assertEquals(4, incidents.size(), "Alice sees the private one too");
        List<List<String>> csv = parseCsv(web.get("/insights.csv?by=month", alice).body());
        for (int i = 0; i < incidents.size(); i++) {
            JsonObject o = incidents.get(i).getAsJsonObject();
            List<String> row = csv.get(i + 1);
            assertEquals(row.get(0), o.get("number").getAsString());
            for (int c = 5; c < row.size(); c++) {
                String name = csv.get(0).get(c);
                assertEquals(row.get(c), o.get(name).isJsonNull() ? "" : o.get(name).getAsString(), name);
            }
        }
        JsonObject secret = incidents.asList().stream().map(e -> e.getAsJsonObject())
                .filter(o -> o.get("title").getAsString().equals(InsightsScenario.SECRET_TITLE)).findFirst().orElseThrow();
        assertTrue(secret.get("time_to_resolve_s").isJsonNull(), "open: no time to resolve");
        assertTrue(json.body().contains(InsightsScenario.FORMULA_TITLE.replace("\"", "\\\"")), "JSON keeps the title as it is");
    }

    @Test
    void badRequestsGetA4xxPageAndSignedOutViewersNothing() {
        Object[][] cases = {
                {"GET", "/insights?bogus=1", 400}, {"GET", "/insights?by=day", 400}, {"GET", "/insights?from=2026-13-01", 400},
                {"GET", "/insights?from=2026-12-02&to=2026-12-01", 400}, {"GET", "/insights?from=2000-01-01&to=2026-01-01", 400},
                {"GET", "/insights?by=week&by=month", 400}, {"GET", "/insights.csv?to=tomorrow", 400},
                {"GET", "/insights.json?x=1", 400}, {"GET", "/insights?q=" + "a".repeat(3000), 414},
                {"POST", "/insights", 405}, {"DELETE", "/insights.csv", 405},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = web.send((String) c[0], (String) c[1], bob);
            assertEquals(c[2], r.statusCode(), c[0] + " " + c[1] + ": " + r.body());
            WebClient.assertNoTrace(r);
            assertTrue(r.body().contains("<h1>"), "a page that explains: " + r.body());
            assertFalse(r.body().contains("Checkout") || r.body().contains("Queue"), c[1] + " shows no data");
        }
        assertTrue(web.get("/insights?by=day", bob).body().contains("&#39;day&#39; is not a way to count: use week or month."));
        for (String path : List.of("/insights", "/insights.csv", "/insights.json")) {
            HttpResponse<String> r = web.get(path, null);
            assertEquals(401, r.statusCode(), path);
            assertFalse(r.body().contains("Checkout") || r.body().contains("Queue"), path);
        }
    }

    /** The rows of a table's body, cells joined by {@code |}, tags dropped. */
    static List<String> rows(String html, String tableId) {
        int start = html.indexOf("id=\"" + tableId + "\"");
        String table = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>").matcher(table);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", "").strip());
            }
            rows.add(String.join("|", cells));
        }
        return rows;
    }

    /** RFC 4180, as a spreadsheet reads it. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                cell.append(ch);
            }
        }
        return rows;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

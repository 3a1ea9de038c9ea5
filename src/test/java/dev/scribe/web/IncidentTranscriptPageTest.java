package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.report.Postmortem;
import dev.scribe.report.PostmortemCompiler;
import dev.scribe.report.SampleIncidents;
import dev.scribe.report.TranscriptPages;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A page of the transcript as the real template renders it, in pages of three so that a thread runs over several:
 * the links between pages, the parent shown again where its thread goes on, and user text escaped on every page.
 */
class IncidentTranscriptPageTest {

    private static final Instant START = Instant.parse("2024-12-04T13:46:00Z");
    private static final String HOSTILE = "<script>window.__xss=1</script>";

    private final List<RecordedMessage> messages = new ArrayList<>();
    private final Pages pages = new Pages();

    private String add(String parentTs, String text) {
        Instant at = START.plusSeconds(10L * messages.size());
        String ts = at.getEpochSecond() + ".000100";
        messages.add(new RecordedMessage("C0INC", ts, parentTs, "U01DAVE", text, at));
        return ts;
    }

    private String render(int page) {
        IncidentRecord record = new IncidentRecord(SampleIncidents.forumsMerge().incident(), MessageLog.of(messages),
                List.of(), List.of());
        Postmortem report = new PostmortemCompiler(SampleIncidents.directory(), ZoneId.of("UTC")).compile(record);
        TranscriptPages transcript = new TranscriptPages(report.transcript(), 3);
        return pages.render("incident", new IncidentView(report, transcript.page(page), START));
    }

    @Test
    void theTranscriptsCountIsSingularForOneMessage() {
        add(null, "the only message");
        assertTrue(render(1).contains("(1 message)"), render(1));
        add(null, "a second one");
        assertTrue(render(1).contains("(2 messages)"), render(1));
    }

    @Test
    void aThreadLongerThanAPageSaysWhereItCameFromAndGoesOnWithWorkingLinks() {
        add(null, "before");
        String parent = add(null, "the long thread " + HOSTILE);
        for (int i = 1; i <= 5; i++) {
            add(parent, "reply " + i);
        }
        add(null, "after");

        String second = render(2);
        assertTrue(second.contains("The thread continues on <a href=\"/incidents/7?transcript&#61;3#transcript-heading\">page 3</a>."),
                second);
        assertFalse(second.contains("Thread continued from"), "the thread starts here");
        assertEquals(1, count(second, "id=\"m" + parent + "\""), "the parent keeps its anchor where it starts");

        String third = render(3);
        assertTrue(third.contains("Thread continued from <a href=\"/incidents/7?transcript&#61;2#transcript-heading\">page 2</a>"),
                third);
        assertTrue(third.contains("page 4</a>."), "and goes on to page 4");
        assertFalse(third.contains("id=\"m" + parent + "\""), "the parent shown again has no anchor of its own");
        assertTrue(third.contains("reply 3") && third.contains("reply 4") && !third.contains("reply 5"), third);

        for (int k = 1; k <= 4; k++) {
            String html = render(k);
            assertFalse(html.contains("<script>window"), "escaped on page " + k);
            assertTrue(html.contains("(8 messages, page " + k + " of 4)"), html);
            for (String href : hrefs(html)) {
                assertTrue(href.matches("/incidents/7\\?transcript&#61;[1-4]#transcript-heading"), href);
            }
        }
        assertTrue(render(2).contains("the long thread &lt;script&gt;"), "the parent as text");
    }

    @Test
    void theFirstAndLastPagesLinkOnlyInward() {
        for (int i = 0; i < 9; i++) {
            add(null, "message " + i);
        }
        String first = render(1);
        assertFalse(first.contains("rel=\"prev\""));
        assertTrue(first.contains("<a rel=\"next\" class=\"next\" href=\"/incidents/7?transcript&#61;2#transcript-heading\">"), first);
        assertTrue(first.contains("<span class=\"current\" aria-current=\"page\">1</span>"));
        String last = render(3);
        assertFalse(last.contains("rel=\"next\""));
        assertTrue(last.contains("<a rel=\"prev\" class=\"previous\" href=\"/incidents/7?transcript&#61;2#transcript-heading\">"), last);
    }

    @Test
    void aTranscriptOfOnePageHasNoPageLinks() {
        add(null, "only one");
        String html = render(1);
        assertFalse(html.contains("transcript-pages"), html);
        assertTrue(html.contains("only one"), html);
    }

    private static List<String> hrefs(String html) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("href=\"(/incidents/7\\?[^\"]*)\"").matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}

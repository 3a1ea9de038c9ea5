package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PostmortemRendererTest {

    private static String render(IncidentRecord record, String zone) {
        Postmortem p = new PostmortemCompiler(SampleIncidents.directory(), ZoneId.of(zone)).compile(record);
        return new PostmortemRenderer().render(p);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PostmortemRendererTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rendersTheSampleIncidentExactlyAsExpected() throws IOException {
        assertEquals(resource("/reports/forums-merge-utc.md"), render(SampleIncidents.forumsMerge(), "UTC"));
    }

    @Test
    void headingsAreExactlyTheProductsInOrderEvenWhenEmpty() {
        Incident empty = new Incident(1, "Nothing happened", Severity.SEV4, Status.INVESTIGATING, "C1", "C1", "U1", "U1",
                Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:05:00Z"), null, null, 1);
        String md = render(new IncidentRecord(empty, List.of(), List.of()), "UTC");
        List<String> headings = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^## (.+)$").matcher(md);
        while (m.find()) {
            headings.add(m.group(1));
        }
        assertEquals(PostmortemRenderer.HEADINGS, headings);
        assertTrue(md.startsWith("# Incident 1: Nothing happened\n\n> This is a blameless review"), md);
        assertTrue(md.contains("- _How was the change reviewed and tested?_"));
        assertTrue(md.contains("- _Why did it work in staging but not in production?_"));
        assertTrue(md.contains("- _Were multi-step deployments identified and done in order?_"));
        assertTrue(md.contains("_No messages were recorded._"));
    }

    @Test
    void transcriptHoldsEveryMessageOnceInTimeOrder() {
        String md = render(SampleIncidents.forumsMerge(), "UTC");
        String transcript = md.substring(md.indexOf("## Transcript"));
        List<String> times = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^- (\\d\\d:\\d\\d:\\d\\d) ").matcher(transcript);
        while (m.find()) {
            times.add(m.group(1));
        }
        assertEquals(SampleIncidents.forumsMerge().messages().toList().size(), times.size());
        assertEquals(times.stream().sorted().toList(), times);
    }

    @Test
    void broadcastsMentionsAndHtmlNeverComeOutRaw() {
        String md = render(SampleIncidents.forumsMerge(), "UTC");
        assertFalse(md.contains("<!channel>"));
        assertFalse(md.contains("<!here>"));
        assertFalse(md.contains("<@"));
        assertTrue(md.contains("@robert did the staging DB connection switch"), md);
        assertTrue(md.contains("Checked in #ask-2u"), md);
        assertTrue(md.contains("@channel please don't merge"), md);
        assertTrue(md.contains("[5xx rate](https://grafana.example.com/d/forums?from=now-6h&to=now)"), md);
    }
}

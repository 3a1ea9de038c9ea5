package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.MessageLog;
import dev.scribe.incident.ReadBack;
import dev.scribe.incident.RoleHolders;
import dev.scribe.incident.Severity;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    void theSummaryNamesWhoHeldEachRoleAfterTheCommanderAndADashForARoleNobodyHeld() {
        Incident incident = new Incident(1, "Roles", Severity.SEV2, Status.INVESTIGATING, "C1", "C1", "U1", "U1",
                Instant.parse("2026-01-01T00:00:00Z"), null, null, null, 0);
        RoleHolders roles = new RoleHolders(List.of(new RoleHolders.Holder("commander", Optional.of("U1")),
                new RoleHolders.Holder("comms", Optional.of("U2")), new RoleHolders.Holder("ops-lead", Optional.empty())));
        Directory names = new Directory() {
            @Override
            public String userName(String userId) {
                return userId.equals("U1") ? "maya" : "r|ck";
            }

            @Override
            public String channelName(String channelId) {
                return channelId;
            }

            @Override
            public Optional<String> permalink(String channelId, String ts, String threadTs) {
                return Optional.empty();
            }
        };
        Postmortem p = new PostmortemCompiler(names, ZoneId.of("UTC")).compile(new IncidentRecord(incident,
                MessageLog.of(List.of()), List.of(), List.of(), List.of(), ReadBack.NONE, roles));
        String md = new PostmortemRenderer().render(p);
        assertTrue(md.contains("| Commander | @maya |\n| Comms | @r\\|ck |\n| Ops lead | - |\n| Participants |"), md);
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

    private static RecordedMessage message(String at, String text) {
        Instant i = Instant.parse(at);
        return new RecordedMessage("C1", i.getEpochSecond() + ".000100", null, "U01DAVE", text, i);
    }

    /** Clocks go back in New York at 02:00 EDT on 2026-11-01: 01:00 to 02:00 happens twice. */
    private static IncidentRecord nightTheClocksGoBack() {
        Incident incident = new Incident(1, "Queue stalls overnight", Severity.SEV2, Status.INVESTIGATING, "C1", "C1",
                "U01DAVE", "U01DAVE", Instant.parse("2026-11-01T05:10:00Z"), Instant.parse("2026-11-01T07:00:00Z"),
                null, null, 1);
        return new IncidentRecord(incident, List.of(
                message("2026-11-01T05:30:00Z", "first 01:30"), message("2026-11-01T06:30:00Z", "second 01:30")),
                List.of(TimelineEntry.of(Instant.parse("2026-11-01T05:30:00Z"), EntryKind.DETECTED, "U01DAVE", "queue stalls"),
                        TimelineEntry.of(Instant.parse("2026-11-01T06:30:00Z"), EntryKind.MITIGATED, "U01DAVE", "workers restarted"),
                        TimelineEntry.of(Instant.parse("2026-11-01T06:30:40Z"), EntryKind.NOTE, "U01DAVE", "watching")));
    }

    @Test
    void onTheNightTheClocksGoBackEveryTimeNamesItsOffset() {
        String md = render(nightTheClocksGoBack(), "America/New_York");
        String timeline = md.substring(md.indexOf("## Timeline"), md.indexOf("## Technical cause"));
        assertTrue(timeline.contains("| Time (America/New_York) | Kind | Who | What |"), timeline);
        assertTrue(timeline.contains("| 01:30 EDT | Detected | @dave | queue stalls |"), timeline);
        assertTrue(timeline.contains("| 01:30 EST | Mitigated | @dave | workers restarted |"), timeline);
        assertTrue(timeline.contains("| 01:30 EST | Note | @dave | watching |"), timeline);
        String transcript = md.substring(md.indexOf("## Transcript"));
        assertTrue(transcript.startsWith("## Transcript\n\nTimes in America/New_York, each with its offset's name: "
                + "the clocks changed during the incident.\n\n### 2026-11-01\n\n"), transcript);
        assertTrue(transcript.contains("- 01:30:00 EDT **@dave**: first 01:30\n- 01:30:00 EST **@dave**: second 01:30\n"),
                transcript);
    }

    @Test
    void withoutAnOffsetChangeTheZoneIsNamedOnceAtTheTopOfEachTimeColumnAndList() {
        // The same night in UTC: no change, so the times are bare and the zone is said once per table and list.
        String md = render(nightTheClocksGoBack(), "UTC");
        String timeline = md.substring(md.indexOf("## Timeline"), md.indexOf("## Technical cause"));
        assertTrue(timeline.contains("| Time (UTC) | Kind | Who | What |\n|---|---|---|---|\n| 05:30 | Detected |"), timeline);
        assertTrue(timeline.contains("| 06:30 | Mitigated | @dave | workers restarted |"), timeline);
        String transcript = md.substring(md.indexOf("## Transcript"));
        assertTrue(transcript.startsWith("## Transcript\n\nTimes in UTC.\n\n### 2026-11-01\n\n- 05:30:00 **@dave**"),
                transcript);
        // And a New York incident that does not cross the change names no offset on each line either.
        String december = render(SampleIncidents.forumsMerge(), "America/New_York");
        assertTrue(december.contains("Times in America/New_York.\n"), december);
        assertFalse(december.contains(":00 EST **@"), december);
    }

    @Test
    void aBackdatedEntryFromBeforeTheChangeCountsAsCrossingIt() {
        // Started after the change, but an entry typed in for the evening before: 23:50 EDT and 03:00 EST.
        Incident later = new Incident(1, "Queue stalls overnight", Severity.SEV2, Status.INVESTIGATING, "C1", "C1",
                "U01DAVE", "U01DAVE", Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-01T09:00:00Z"),
                null, null, 1);
        String md = render(new IncidentRecord(later, List.of(), List.of(
                TimelineEntry.of(Instant.parse("2026-11-01T03:50:00Z"), EntryKind.TRIGGER, "U01DAVE", "deploy"),
                TimelineEntry.of(Instant.parse("2026-11-01T08:00:00Z"), EntryKind.DETECTED, "U01DAVE", "alert"))),
                "America/New_York");
        assertTrue(md.contains("| 23:50 EDT | Trigger | @dave | deploy |"), md);
        assertTrue(md.contains("| 03:00 EST | Detected | @dave | alert |"), md);
    }
}

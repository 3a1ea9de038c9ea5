package dev.scribe.report;

import dev.scribe.incident.EntryKind;
import dev.scribe.incident.Incident;
import dev.scribe.incident.IncidentRecord;
import dev.scribe.incident.RecordedMessage;
import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import dev.scribe.incident.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Incidents built by hand for renderer tests and the README's example report. */
public final class SampleIncidents {

    private SampleIncidents() {
    }

    /** Names and links of the sample workspace. */
    public static Directory directory() {
        Map<String, String> users = Map.of("U01DAVE", "dave", "U02KELLY", "kelly", "U03ROB", "robert",
                "U04AHT", "ahtisham", "U05DIANA", "diana");
        return new Directory() {
            @Override
            public String userName(String id) {
                return users.getOrDefault(id, id);
            }

            @Override
            public String channelName(String id) {
                return "C0ASK".equals(id) ? "ask-2u" : id;
            }

            @Override
            public Optional<String> permalink(String channel, String ts, String threadTs) {
                String link = "https://example.slack.com/archives/" + channel + "/p" + ts.replace(".", "");
                return Optional.of(threadTs == null || threadTs.equals(ts) ? link : link + "?thread_ts=" + threadTs);
            }
        };
    }

    private static RecordedMessage msg(String at, String user, String text) {
        Instant i = Instant.parse(at);
        return new RecordedMessage("C0INC", i.getEpochSecond() + ".000100", null, user, text, i);
    }

    private static RecordedMessage reply(String at, String parentAt, String user, String text) {
        Instant i = Instant.parse(at);
        return new RecordedMessage("C0INC", i.getEpochSecond() + ".000200", Instant.parse(parentAt).getEpochSecond() + ".000100",
                user, text, i);
    }

    /** A forums-merge incident over two days: messages, a thread, notes, a close with a resolution. */
    public static IncidentRecord forumsMerge() {
        Incident incident = new Incident(7, "Staging broken after forums v2 merge", Severity.SEV2, Status.INVESTIGATING,
                "C0INC", "C0ENG", "U04AHT", "U04AHT", Instant.parse("2024-12-04T13:45:00Z"),
                Instant.parse("2024-12-04T17:20:00Z"), "Fixed forward: tables converted to utf8mb4, forums re-enabled",
                "1733319900.000100", 1);
        List<RecordedMessage> messages = List.of(
                msg("2024-12-04T13:46:10Z", "U04AHT", "Staging is broken since this morning: every forum page returns 500 :fire:"),
                msg("2024-12-04T13:49:30Z", "U01DAVE", "That's the first deploy with the v2 forums tables. <@U03ROB> did the "
                        + "staging DB connection switch to utf8mb4 land?"),
                reply("2024-12-04T13:52:00Z", "2024-12-04T13:49:30Z", "U03ROB",
                        "Connection yes, but the tables were created before the switch: `forum_post` is still utf8mb3."),
                reply("2024-12-04T13:53:40Z", "2024-12-04T13:49:30Z", "U01DAVE",
                        "So any post with an emoji 😬 fails to insert &amp; the page errors. Decision: fix forward, no revert."),
                msg("2024-12-04T14:30:00Z", "U05DIANA", "Release pipeline stays paused until this is fixed. "
                        + "<!channel> please don't merge to master for now."),
                msg("2024-12-04T16:55:00Z", "U04AHT", "ALTER TABLE done on staging, forum pages load again. "
                        + "Graph: <https://grafana.example.com/d/forums?from=now-6h&amp;to=now|5xx rate>"),
                msg("2024-12-04T17:10:00Z", "U02KELLY", "Checked in <#C0ASK>: production is not affected, it never got the merge."));
        List<TimelineEntry> entries = List.of(
                TimelineEntry.of(Instant.parse("2024-12-04T13:45:00Z"), EntryKind.STARTED, "U04AHT",
                        "Incident opened: Staging broken after forums v2 merge"),
                TimelineEntry.of(Instant.parse("2024-12-04T13:55:00Z"), EntryKind.NOTE, "U01DAVE",
                        "Cause: forums tables created as utf8mb3 before the connection switched to utf8mb4"),
                TimelineEntry.of(Instant.parse("2024-12-04T16:56:00Z"), EntryKind.NOTE, "U04AHT",
                        "Tables converted to utf8mb4 | forums back on staging"),
                TimelineEntry.of(Instant.parse("2024-12-04T17:20:00Z"), EntryKind.CLOSED, "U04AHT",
                        "Incident closed: Fixed forward: tables converted to utf8mb4, forums re-enabled"));
        return new IncidentRecord(incident, messages, entries);
    }
}

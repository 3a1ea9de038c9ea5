package dev.scribe.it;

import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.FakeSlackApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Replays a real post-mortem's timeline (the forums v2 merge) through the bot over HTTP: backdated entries,
 * messages with their own old timestamps, a thread, reactions (one before its message, some removed), an edit
 * and a delete, then checks the Markdown the close produces, section by section.
 */
class IncidentReplayTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    static final List<String> PEOPLE = List.of("dave", "kelly", "robert", "asad", "alex", "diana", "ahtisham");

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withDefaults();

    @Test
    void forumsMergeReplayCompilesTheRetro() throws Exception {
        MovableClock clock = new MovableClock();
        clock.set(at("2024-12-04 08:45"));
        RunningScribe bot = scribe.start(Map.of("SCRIBE_TIMEZONE", "America/New_York"), clock);
        PEOPLE.forEach(p -> {
            bot.slack.addUser(id(p), p, p);
            bot.slack.addMember(OPS, id(p));
        });
        String channel = bot.startIncident(id("ahtisham"), "sev2 Staging forums broken after the v2 merge");
        String header = bot.slack.pinned(channel).get(0);

        Map<String, String> ts = new HashMap<>();
        for (String line : replay()) {
            play(bot, channel, line, ts, clock);
        }
        String markdown = bot.awaitReport(1).contentAsUtf8();

        // Detected, acknowledged and resolved come from reactions (Dave's :rotating_light: removed, Kelly's
        // kept; the :eyes: arrived before its message; the :white_check_mark: on m5 was taken back).
        assertEquals("""
                | Moment | When | From |
                |---|---|---|
                | Triggered | 2024-12-03 11:01 EST | marked |
                | Detected | 2024-12-04 08:43 EST | marked |
                | Acknowledged | 2024-12-04 08:51 EST | marked |
                | Cause identified | 2024-12-04 09:20 EST | marked |
                | Mitigated | 2024-12-04 10:40 EST | marked |
                | Resolved | 2024-12-04 11:30 EST | marked |
                | Closed | 2024-12-04 12:00 EST | closed |

                | Duration | |
                |---|---|
                | Time to detect | 21h 42m |
                | Time to acknowledge | 8m |
                | Time to mitigate | 1h 57m |
                | Time to resolve | 2h 47m |
                | Incident duration | 1d 0h |
                """, section(markdown, "Key timings"), markdown);
        String timeline = section(markdown, "Timeline");
        assertEquals(9, timeline.lines().filter(l -> l.startsWith("### ")).count(), "one group per day: " + timeline);
        assertTrue(timeline.contains("""
                ### 2024-11-13

                | Time (America/New_York) | Kind | Who | What |
                |---|---|---|---|
                | 15:00 | Key event | @robert | Robert verifies the LMS and Studio connections are still utf8, i.e. utf8mb3 |
                """), timeline);
        String link = "https://example.slack.com/archives/" + channel + "/p";
        String thread = "?thread_ts=" + ts.get("m1") + "&cid=" + channel;
        assertEquals("""
                ### 2024-12-04

                | Time (America/New_York) | Kind | Who | What |
                |---|---|---|---|
                | 08:43 | Detected | @ahtisham | Staging env is broken after yesterday's forums merge: forum pages return 500 ([link](L1)) |
                | 08:45 | Started | @ahtisham | Incident opened: Staging forums broken after the v2 merge |
                | 08:51 | Acknowledged | @dave | Looking at it now ([link](L2T)) |
                | 09:20 | Cause identified | @robert | The forum tables were created before the utf8mb4 switch; they are utf8mb3 ([link](L3T)) |
                | 09:25 | Key event | @dave | We decide to fix forward rather than revert the merge (Dave, Ahtisham, Diana) ([link](L4)) |
                | 10:40 | Mitigated | @ahtisham | Converted the forum tables to utf8mb4 on staging; pages load again ([link](L5)) |
                | 11:30 | Resolved | @diana | Staging verified, release pipeline unpaused 🎉 ([link](L6)) |
                | 11:45 | Action item | @robert | We need a check that new tables are created utf8mb4 before a merge ([link](L7)) |
                | 11:50 | Went well | @kelly | The early heads-up thread in #ask-2u saved us days ([link](L8)) |
                | 11:58 | Action item | @diana | Write a migration recipe for adding tables under utf8mb4 @robert |
                | 12:00 | Closed | @diana | Incident closed: Fixed forward: forum tables converted to utf8mb4 on staging |
                """.replace("L1", link + ts.get("m1").replace(".", ""))
                .replace("L2T", link + ts.get("m2").replace(".", "") + thread)
                .replace("L3T", link + ts.get("m3").replace(".", "") + thread)
                .replace("L4", link + ts.get("m4").replace(".", ""))
                .replace("L5", link + ts.get("m5").replace(".", ""))
                .replace("L6", link + ts.get("m6").replace(".", ""))
                .replace("L7", link + ts.get("m7").replace(".", ""))
                .replace("L8", link + ts.get("m8").replace(".", "")),
                timeline.substring(timeline.indexOf("### 2024-12-04")));
        assertEquals("""
                | Action | Owner | Source |
                |---|---|---|
                | We need a check that new tables are created utf8mb4 before a merge | unassigned | [message by @robert at 11:45](L7) |
                | Write a migration recipe for adding tables under utf8mb4 | @robert | /incident action by @diana at 11:58 |
                """.replace("L7", link + ts.get("m7").replace(".", "")), section(markdown, "Action items"));
        assertTrue(section(markdown, "What went well").contains("The early heads-up thread in #ask-2u saved us days (@kelly)"));
        assertTrue(section(markdown, "What could have gone better").contains("2U staging Elasticsearch is down"));
        String transcript = section(markdown, "Transcript");
        assertTrue(transcript.contains("(Dave, Ahtisham, Diana)"), "the edit shows: " + transcript);
        assertTrue(!transcript.contains("typo, ignore me"), "the deleted message is gone: " + transcript);
        assertTrue(!markdown.contains("typo, ignore me"));
        assertTrue(transcript.contains("**@robert** (in thread): The forum tables were created before"), transcript);

        assertTrue(bot.slack.editCount(channel, header) > 0, "the pinned header was kept current");
        String headerBlocks = bot.slack.message(channel, header).orElseThrow().blocksJson();
        assertTrue(headerBlocks.contains("Closed"), headerBlocks);
        assertTrue(headerBlocks.contains("Cause identified"), headerBlocks);
    }

    /** The body of a level-2 section, up to the next one. */
    static String section(String markdown, String heading) {
        int start = markdown.indexOf("## " + heading + "\n");
        assertTrue(start >= 0, "no section " + heading);
        int body = markdown.indexOf('\n', start) + 1;
        int end = markdown.indexOf("\n## ", body);
        return markdown.substring(body, end < 0 ? markdown.length() : end + 1).strip() + "\n";
    }

    private static void play(RunningScribe bot, String channel, String line, Map<String, String> ts, MovableClock clock) {
        if (line.isBlank() || line.startsWith("#")) {
            return;
        }
        String[] w = line.split(" ", 2);
        String rest = w[1];
        switch (w[0]) {
            case "command" -> {
                String[] p = rest.split(" ", 2);
                // Backdated entries carry their own time; the rest happen after the last message.
                if (p[1].startsWith("action")) {
                    clock.set(at("2024-12-04 11:58"));
                } else if (p[1].startsWith("close")) {
                    clock.set(at("2024-12-04 12:00"));
                }
                RunningScribe.Reply reply = bot.command(id(p[0]), channel, escapeMentions(p[1]));
                assertEquals(200, reply.ack().statusCode());
                assertTrue(!reply.ack().body().contains("\"ephemeral\""), line + " -> " + reply.ack().body());
            }
            case "message" -> {
                String[] p = rest.split(" ", 5);
                String messageId = p[0];
                String messageTs = at(p[2] + " " + p[3]).getEpochSecond() + "." + String.format(Locale.ROOT, "%06d",
                        100 + Integer.parseInt(messageId.substring(1)));
                ts.put(messageId, messageTs);
                String text = p[4];
                String thread = null;
                if (text.startsWith("thread:")) {
                    String[] t = text.split(" ", 2);
                    thread = ts.get(t[0].substring("thread:".length()));
                    text = t[1];
                }
                bot.say(channel, id(p[1]), messageTs, thread, text);
            }
            case "react", "unreact" -> {
                String[] p = rest.split(" ");
                String target = ts.computeIfAbsent(p[2], k -> pendingTs(k, line));
                bot.event(w[0].equals("react")
                        ? SlackPayloads.reactionAdded(SlackPayloads.eventId(), id(p[0]), p[1], channel, target)
                        : SlackPayloads.reactionRemoved(SlackPayloads.eventId(), id(p[0]), p[1], channel, target));
            }
            case "edit" -> {
                String[] p = rest.split(" ", 2);
                bot.event(SlackPayloads.messageChanged(SlackPayloads.eventId(), channel, id("dave"), ts.get(p[0]), "", p[1]));
            }
            case "delete" -> bot.event(SlackPayloads.messageDeleted(SlackPayloads.eventId(), channel, ts.get(rest.strip())));
            default -> throw new IllegalArgumentException("unknown replay line: " + line);
        }
    }

    /** A reaction that arrives before its message: the ts it will have is the one its message line gives. */
    private static String pendingTs(String messageId, String line) {
        for (String l : replay()) {
            if (l.startsWith("message " + messageId + " ")) {
                String[] p = l.split(" ", 6);
                return at(p[3] + " " + p[4]).getEpochSecond() + "." + String.format(Locale.ROOT, "%06d",
                        100 + Integer.parseInt(messageId.substring(1)));
            }
        }
        throw new IllegalArgumentException("no message " + messageId + " for: " + line);
    }

    /** What Slack sends for {@code @name} when the command escapes users. */
    private static String escapeMentions(String text) {
        String out = text;
        for (String person : PEOPLE) {
            out = out.replace("@" + person, "<@" + id(person) + "|" + person + ">");
        }
        return out;
    }

    static java.time.Instant at(String localDateTime) {
        return ZonedDateTime.of(LocalDateTime.parse(localDateTime, WHEN), NEW_YORK).toInstant();
    }

    static String id(String person) {
        return "U0" + person.toUpperCase(Locale.ROOT);
    }

    private static List<String> replay() {
        try (InputStream in = IncidentReplayTest.class.getResourceAsStream("/replay/forums-merge.replay")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /incident at} through the real servlet, with the people's time zones in the fake Slack's profiles: a New
 * York-configured bot reads a Londoner's {@code 01:30} as 01:30 in London, not in New York.
 */
class AtInTheTypistsZoneTest {

    static final String LENA = "U0LENA";
    static final String MO = "U0MO";

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_TIMEZONE", "America/New_York"));

    @Test
    void aTimeIsReadInTheTypistsOwnSlackTimeZoneElseInScribeTimezone() throws Exception {
        MovableClock clock = new MovableClock();
        clock.set(Instant.parse("2026-12-02T12:00:00Z")); // 12:00 in London, 07:00 in New York
        RunningScribe bot = scribe.start(Map.of(), clock);
        bot.slack.addUser(LENA, "lena", "Lena", "Europe/London");
        bot.slack.addMember(OPS, LENA);
        String channel = bot.startIncident(ALICE, "sev2 Queue stalls overnight");

        // Lena's 01:30 is 01:30 GMT; the reply shows it as a date token, in each reader's own zone.
        long londonEpoch = Instant.parse("2026-12-02T01:30:00Z").getEpochSecond();
        bot.command(LENA, channel, "at 01:30 :rotating_light: queue depth alert")
                .assertInChannel("at <!date^" + londonEpoch + "^{date_short} {time}|2026-12-02 01:30 GMT> (Detected)");
        // Alice's profile has no time zone: her 01:30 is read in SCRIBE_TIMEZONE, and the reply says so.
        long newYorkEpoch = Instant.parse("2026-12-02T06:30:00Z").getEpochSecond();
        bot.command(ALICE, channel, "at 01:30 paged the on-call")
                .assertInChannel("at <!date^" + newYorkEpoch + "^{date_short} {time}|2026-12-02 01:30 EST> (read in "
                        + "America/New_York: I could not learn your Slack time zone) (Note)");
        // A zone typed after the time wins over the typist's.
        long typedEpoch = Instant.parse("2026-12-02T02:30:00Z").getEpochSecond();
        bot.command(LENA, channel, "at 01:30 -01:00 vendor saw it too").assertInChannel("<!date^" + typedEpoch + "^");

        // The hour that repeats is asked about and nothing is recorded.
        Map<String, Long> before = bot.tableCounts();
        bot.command(LENA, channel, "at 2026-11-01 01:30 America/New_York first page")
                .assertEphemeral("happened twice in America/New_York");
        assertEquals(before, bot.tableCounts());
        // Lena's zone was asked of Slack once, then remembered.
        assertEquals(1, bot.slack.calls("users.info").stream().filter(c -> LENA.equals(c.params().get("user"))).count());

        bot.command(ALICE, channel, "close");
        String timeline = IncidentReplayTest.section(bot.awaitReport(1).contentAsUtf8(), "Timeline");
        assertTrue(timeline.contains("| 20:30 | Detected | @Lena | queue depth alert |"), timeline);
        assertTrue(timeline.contains("| 01:30 | Note | @Alice | paged the on-call |"), timeline);
    }

    @Test
    void aSlowTimeZoneLookupStillAnswersWithinThreeSecondsInScribeTimezone(RunningScribe bot) throws Exception {
        bot.slack.addUser(MO, "mo", "Mo", "Asia/Tokyo");
        bot.slack.addMember(OPS, MO);
        String channel = bot.startIncident(ALICE, "sev3 Slow Slack");
        bot.slack.delayNext("users.info", Duration.ofSeconds(5));
        long started = System.nanoTime();
        RunningScribe.Reply reply = bot.command(MO, channel, "at 00:01 something small");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        reply.assertInChannel("(read in America/New_York: I could not learn your Slack time zone)");
        assertTrue(took.compareTo(Duration.ofMillis(2500)) < 0, "answered after " + took);
    }
}

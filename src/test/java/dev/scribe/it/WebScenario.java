package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static dev.scribe.it.RunningScribe.ZOE;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Two incidents for the page tests, in {@code here} mode: incident 1 in #ops (public; a trigger, detection and
 * acknowledgement, mitigation and resolution typed with {@code at}, a thread, hostile messages, an
 * action item, closed), incident 2 in a private channel only Alice is in.
 */
final class WebScenario {

    static final String SECRET_CHANNEL = "G0SECRET";
    static final String TITLE = "Checkout <b>latency</b>";
    static final String SECRET_TITLE = "Payroll export leak";
    static final String SCRIPT_MESSAGE = "<script>window.__xss=1;document.title='owned'</script>";
    static final String IMG_MESSAGE = "<img src=x onerror=\"window.__xss=2\">";
    static final String PARENT = "Rolling back to v2.40 now";
    static final String REPLY = "Rollback done, latency recovering";

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    final Instant triggered;
    final Instant detected;
    final Instant acknowledged;
    final Instant mitigated;
    final Instant resolved;
    final String parentTs;
    final String replyTs;

    private WebScenario(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        triggered = minute.minus(50, ChronoUnit.MINUTES);
        detected = minute.minus(40, ChronoUnit.MINUTES);
        acknowledged = minute.minus(35, ChronoUnit.MINUTES);
        mitigated = minute.minus(20, ChronoUnit.MINUTES);
        resolved = minute.minus(10, ChronoUnit.MINUTES);
        parentTs = SlackPayloads.ts(now.getEpochSecond(), 3);
        replyTs = SlackPayloads.ts(now.getEpochSecond(), 4);
    }

    static Map<String, String> environment(int port) {
        return Map.of("PORT", String.valueOf(port), "SCRIBE_PUBLIC_URL", "http://127.0.0.1:" + port,
                "SCRIBE_CHANNEL_MODE", "here");
    }

    static WebScenario seed(RunningScribe bot, Clock clock) {
        bot.slack.addPrivateChannel(SECRET_CHANNEL, "payroll-secret", true);
        bot.slack.addMember(SECRET_CHANNEL, ALICE);
        WebScenario s = new WebScenario(clock.instant());
        long second = clock.instant().getEpochSecond();
        bot.command(ALICE, OPS, "start sev2 " + slack(TITLE)).assertInChannel("");
        bot.command(ALICE, OPS, "at " + TYPED.format(s.triggered) + " +00:00 :boom: deploy of v2.41 to prod").assertInChannel("");
        bot.command(ALICE, OPS, "at " + TYPED.format(s.detected) + " +00:00 :rotating_light: p99 alert fired").assertInChannel("");
        bot.command(BOB, OPS, "at " + TYPED.format(s.acknowledged) + " +00:00 :eyes: Bob is on it").assertInChannel("");
        bot.say(OPS, BOB, SlackPayloads.ts(second, 1), null, slack(SCRIPT_MESSAGE));
        bot.say(OPS, ZOE, SlackPayloads.ts(second, 2), null, slack(IMG_MESSAGE));
        bot.say(OPS, ALICE, s.parentTs, null, PARENT);
        bot.say(OPS, BOB, s.replyTs, s.parentTs, REPLY);
        bot.command(ALICE, OPS, "at " + TYPED.format(s.mitigated) + " +00:00 :adhesive_bandage: rolled back").assertInChannel("");
        bot.command(ALICE, OPS, "at " + TYPED.format(s.resolved) + " +00:00 :white_check_mark: latency normal").assertInChannel("");
        bot.command(ZOE, OPS, "action Add a canary stage <@" + ZOE + "|zoe>").assertInChannel("");
        bot.command(ALICE, OPS, "close Rolled back v2.41").assertInChannel("");
        bot.awaitReport(1);
        bot.command(ALICE, SECRET_CHANNEL, "start sev1 " + SECRET_TITLE).assertInChannel("");
        bot.say(SECRET_CHANNEL, ALICE, SlackPayloads.ts(second, 5), null, "the export bucket was public");
        bot.awaitStored();
        return s;
    }

    /** The text as Slack sends it: {@code & < >} as entities. */
    static String slack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}

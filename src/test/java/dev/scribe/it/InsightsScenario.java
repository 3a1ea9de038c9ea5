package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Four incidents over six weeks for the insights, in {@code here} mode, each moment typed with {@code at} so the
 * figures are known to the minute: 1 (40 days ago, SEV2, no trigger; acknowledged 10m, mitigated 20m, resolved 30m
 * after detection; a title that is a spreadsheet formula), 2 (14 days ago, SEV3; detected 5m after the trigger,
 * acknowledged 5m and resolved 20m after detection), 3 (now, SEV2; 10m to detect, 5m to acknowledge, 20m to mitigate,
 * 30m to resolve), 4 (now, SEV1, open, in a private channel only Alice is in, nothing marked).
 */
final class InsightsScenario {

    static final String SECRET_CHANNEL = "G0VAULT";
    static final String FORMULA_TITLE = "=HYPERLINK(\"http://evil.example\",\"click\"), disk full";
    static final String SECRET_TITLE = "Vault keys rotated by hand";

    private static final DateTimeFormatter TYPED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    final Instant now;
    final Instant first;
    final Instant second;

    private InsightsScenario(Instant now) {
        this.now = now;
        this.first = now.minus(Duration.ofDays(40));
        this.second = now.minus(Duration.ofDays(14));
    }

    static InsightsScenario seed(RunningScribe bot, MovableClock clock) {
        InsightsScenario s = new InsightsScenario(Instant.now().truncatedTo(ChronoUnit.MINUTES));
        clock.set(s.first);
        bot.command(ALICE, OPS, "start sev2 " + WebScenario.slack(FORMULA_TITLE)).assertInChannel("");
        at(bot, s.first, 60, ":rotating_light: disk alert");
        at(bot, s.first, 50, ":eyes: on it");
        at(bot, s.first, 40, ":adhesive_bandage: moved logs away");
        at(bot, s.first, 30, ":white_check_mark: disk at 40%");
        bot.command(ALICE, OPS, "close Logs rotated").assertInChannel("");

        clock.set(s.second);
        bot.command(BOB, OPS, "start sev3 Queue backlog").assertInChannel("");
        at(bot, s.second, 30, ":boom: consumer deploy");
        at(bot, s.second, 25, ":rotating_light: lag alert");
        at(bot, s.second, 20, ":eyes: Bob looks");
        at(bot, s.second, 5, ":white_check_mark: lag gone");
        bot.command(BOB, OPS, "close Consumers scaled").assertInChannel("");

        clock.set(s.now);
        bot.command(ALICE, OPS, "start sev2 Checkout latency").assertInChannel("");
        at(bot, s.now, 50, ":boom: deploy of v2.41");
        at(bot, s.now, 40, ":rotating_light: p99 alert");
        at(bot, s.now, 35, ":eyes: on it");
        at(bot, s.now, 20, ":adhesive_bandage: rolled back");
        at(bot, s.now, 10, ":white_check_mark: latency normal");
        bot.command(ALICE, OPS, "close Rolled back").assertInChannel("");

        bot.slack.addPrivateChannel(SECRET_CHANNEL, "vault", true);
        bot.slack.addMember(SECRET_CHANNEL, ALICE);
        bot.command(ALICE, SECRET_CHANNEL, "start sev1 " + SECRET_TITLE).assertInChannel("");
        bot.awaitStored();
        return s;
    }

    private static void at(RunningScribe bot, Instant start, int minutesBefore, String what) {
        bot.command(ALICE, OPS, "at " + TYPED.format(start.minus(Duration.ofMinutes(minutesBefore))) + " +00:00 " + what)
                .assertInChannel("");
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}

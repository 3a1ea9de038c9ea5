package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.WAIT;
import static dev.scribe.it.RunningScribe.ZOE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /incident role} with the roles of SCRIBE_ROLES: recorded, shown on the header and in the report's Summary. */
class RoleCommandTest {

    @RegisterExtension
    final RunningScribeExtension scribe = RunningScribeExtension.withEnv(Map.of("SCRIBE_ROLES", "comms,ops-lead"))
            .withIncident(ALICE, "Search is slow");

    @Test
    void aRoleGoesToWhoeverIsNamedOrTheCallerIsOnTheHeaderAndInTheSummary(RunningScribe bot,
                                                                          @IncidentChannel String channel) {
        String header = bot.slack.pinned(channel).get(0);
        String initial = readable(bot.slack.message(channel, header).orElseThrow().blocksJson());
        assertTrue(initial.contains("*Ops lead*  _nobody yet_"), initial);

        bot.command(ALICE, channel, "role comms <@" + BOB + "|bob>")
                .assertInChannel("<@" + BOB + "> is now *Comms* of incident 1.");
        bot.command(ZOE, channel, "role Ops-Lead").assertInChannel("<@" + ZOE + "> is now *Ops lead* of incident 1.");
        bot.command(ZOE, channel, "role commander <@" + BOB + ">")
                .assertInChannel("<@" + BOB + "> is now the incident commander.");
        bot.slack.await(() -> readable(bot.slack.message(channel, header).orElseThrow().blocksJson()),
                b -> b.contains("*Comms*  <@" + BOB + ">") && b.contains("*Ops lead*  <@" + ZOE + ">")
                        && b.contains("*Commander*  <@" + BOB + ">"), WAIT);

        RunningScribe.Reply timeline = bot.command(BOB, channel, "timeline");
        String shown = bot.awaitAnswers(timeline, 1).get(0).json();
        assertTrue(shown.contains("*Role* @Alice: Comms: @Bob"), shown);
        assertTrue(shown.contains("*Role* @Zoë 🦊: Ops lead: @Zoë 🦊"), shown);
        assertTrue(shown.contains("*Commander* @Zoë 🦊: @Bob"), "the commander's role as lead records it: " + shown);

        bot.command(BOB, channel, "close");
        String markdown = bot.awaitReport(1).contentAsUtf8();
        assertTrue(markdown.contains("| Commander | @Bob |\n| Comms | @Bob |\n| Ops lead | @Zoë 🦊 |\n"), markdown);
    }

    /** Blocks as Slack's client library sends them, with {@code < >} written out. */
    static String readable(String blocksJson) {
        return blocksJson.replace("\\u003c", "<").replace("\\u003e", ">");
    }

    @Test
    void aRoleNobodyConfiguredIsRefusedNamingTheRolesAndRecordsNothing(RunningScribe bot,
                                                                      @IncidentChannel String channel) throws Exception {
        Map<String, Long> before = bot.tableCounts();
        bot.command(ALICE, channel, "role scribe <@" + BOB + ">")
                .assertEphemeral("`scribe` is not a role here: use commander, comms or ops-lead");
        bot.command(ALICE, channel, "role").assertEphemeral("Name the role: use commander, comms or ops-lead");
        bot.command(ALICE, channel, "role comms bob").assertEphemeral("Name who takes the role with an @mention");
        bot.command(ALICE, RunningScribe.OPS, "role comms").assertEphemeral("There is no open incident in this channel");
        assertEquals(before, bot.tableCounts());
    }
}

package dev.scribe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.Severity;
import dev.scribe.incident.Status;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {

    @Test
    void startWithAndWithoutSeverity() {
        assertEquals(new Command.Start(Severity.SEV3, "Checkout errors"), CommandParser.parse("start Checkout errors"));
        assertEquals(new Command.Start(Severity.SEV1, "DB down"), CommandParser.parse("  START   sev1   DB down "));
        assertEquals(new Command.Start(Severity.SEV2, "x"), CommandParser.parse("declare SEV2 x"));
        assertEquals(new Command.Start(Severity.SEV4, "x"), CommandParser.parse("open sev4 x"));
    }

    @Test
    void startRefusesABadSeverityEmptyOrOverlongTitle() {
        CommandException sev = assertThrows(CommandException.class, () -> CommandParser.parse("start sev9 x"));
        assertTrue(sev.getMessage().contains("sev1, sev2, sev3 or sev4"), sev.getMessage());
        // No title at all opens the declare form, with the severity typed.
        assertEquals(new Command.DeclareForm(Severity.SEV3), CommandParser.parse("start"));
        assertEquals(new Command.DeclareForm(Severity.SEV2), CommandParser.parse("declare sev2   "));
        CommandException longTitle = assertThrows(CommandException.class, () -> CommandParser.parse("start " + "é".repeat(101)));
        assertEquals("The title is 101 characters long; the limit is 100. Put the details in a `/incident note`.",
                longTitle.getMessage());
        assertInstanceOf(Command.Start.class, CommandParser.parse("start " + "😀".repeat(100)));
    }

    @Test
    void noteNeedsText() {
        assertEquals(new Command.Note("rolled back <@U1|dana>"), CommandParser.parse("note rolled back <@U1|dana>"));
        CommandException e = assertThrows(CommandException.class, () -> CommandParser.parse("note   "));
        assertTrue(e.getMessage().startsWith("A note needs text"), e.getMessage());
        assertThrows(CommandException.class, () -> CommandParser.parse("note " + "x".repeat(3001)));
    }

    @Test
    void closeTakesAnOptionalResolution() {
        assertEquals(new Command.Close(""), CommandParser.parse("close"));
        assertEquals(new Command.Close("rolled back to v2.40"), CommandParser.parse("close rolled back to v2.40"));
    }

    @Test
    void atTakesATimeOrADateAndTimeAndALeadingEmoji() {
        assertEquals(new Command.At(null, LocalTime.of(11, 57), ":boom:", "deploy of v2.41 to prod"),
                CommandParser.parse("at 11:57 :boom: deploy of v2.41 to prod"));
        assertEquals(new Command.At(LocalDate.of(2024, 12, 3), LocalTime.of(9, 5), null, "merged the PR"),
                CommandParser.parse("at 2024-12-03 9:05 merged the PR"));
        assertEquals(new Command.At(null, LocalTime.of(8, 43), ":rotating_light:", "staging broken"),
                CommandParser.parse("at 08:43 :rotating_light:   staging broken"));
    }

    @Test
    void atRefusesTimesThatDoNotParseAndMissingText() {
        assertMessage("`noon` is not a time. Use `/incident at HH:MM <text>`", () -> CommandParser.parse("at noon lunch"));
        assertMessage("`25:61` is not a valid date and time.", () -> CommandParser.parse("at 25:61 x"));
        assertMessage("`2024-02-30 10:00` is not a valid date and time.", () -> CommandParser.parse("at 2024-02-30 10:00 x"));
        assertMessage("`at` needs text after the time.", () -> CommandParser.parse("at 10:00"));
        assertMessage("`at` needs text after the time.", () -> CommandParser.parse("at 10:00 :boom:"));
        assertMessage("`at` needs a time and text.", () -> CommandParser.parse("at"));
    }

    @Test
    void statusSeverityLeadAndAction() {
        assertEquals(new Command.SetStatus(Status.MONITORING), CommandParser.parse("status Monitoring"));
        assertMessage("`fixed` is not a status: use investigating, identified, monitoring or resolved.",
                () -> CommandParser.parse("status fixed"));
        assertMessage("`status` needs a status", () -> CommandParser.parse("status"));
        assertEquals(new Command.SetSeverity(Severity.SEV1), CommandParser.parse("sev 1"));
        assertEquals(new Command.SetSeverity(Severity.SEV2), CommandParser.parse("sev sev2"));
        assertMessage("`9` is not a severity: use 1, 2, 3 or 4 (1 is the worst).", () -> CommandParser.parse("sev 9"));
        assertEquals(new Command.Lead(Optional.empty()), CommandParser.parse("lead"));
        assertEquals(new Command.Lead(Optional.of("U2LEE")), CommandParser.parse("lead <@U2LEE|lee>"));
        assertEquals(new Command.Lead(Optional.of("U2LEE")), CommandParser.parse("lead <@U2LEE>"));
        assertMessage("Name the commander with an @mention", () -> CommandParser.parse("lead lee"));
        assertEquals(new Command.SetRole("comms", Optional.of("U2LEE")), CommandParser.parse("role comms <@U2LEE|lee>"));
        assertEquals(new Command.SetRole("Comms", Optional.empty()), CommandParser.parse("role Comms"));
        assertEquals(new Command.SetRole("", Optional.empty()), CommandParser.parse("role"),
                "the domain knows the roles, so it answers a role left out");
        assertMessage("Name who takes the role with an @mention, e.g. `/incident role comms @dana`",
                () -> CommandParser.parse("role comms lee"));
        assertEquals(new Command.Action("add an alert on queue depth", Optional.of("U1DANA")),
                CommandParser.parse("action add an alert on queue depth <@U1DANA|dana>"));
        assertEquals(new Command.Action("ask <@U1DANA> about it later", Optional.empty()),
                CommandParser.parse("action ask <@U1DANA> about it later"));
        assertMessage("An action needs text", () -> CommandParser.parse("action"));
        assertEquals(new Command.ShowTimeline(), CommandParser.parse("timeline"));
        assertEquals(new Command.Reopen(), CommandParser.parse("reopen"));
        assertEquals(new Command.ListOpen(), CommandParser.parse("list"));
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable parse) {
        CommandException e = assertThrows(CommandException.class, parse);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "help", "HELP", "--help"})
    void helpAndNothingShowUsage(String text) {
        assertEquals(new Command.Help(), CommandParser.parse(text));
    }

    @Test
    void unknownSubcommandKeepsTheWord() {
        assertEquals(new Command.Unknown("frobnicate"), CommandParser.parse("frobnicate now"));
        assertEquals(new Command.Help(), CommandParser.parse(null));
    }

    @Test
    void aTitleIsStoredAsTypedOnOneLine() {
        // What Slack sends for "@here R&D <db> down @bob".
        assertEquals(new Command.Start(Severity.SEV3, "@here R&D <db> down @bob"),
                CommandParser.parse("start <!here> R&amp;D &lt;db&gt; down <@U2|bob>"));
        assertEquals(new Command.Start(Severity.SEV2, "T ## Impact forged x y"),
                CommandParser.parse("start sev2 T\n## Impact\r\nforged\rx\u2028\u0000\u202Ey"));
        assertEquals(new Command.Start(Severity.SEV3, "typed &lt; literally"),
                CommandParser.parse("start typed &amp;lt; literally"));
        // Nothing a reader could see is no title: the form asks for one.
        assertEquals(new Command.DeclareForm(Severity.SEV3), CommandParser.parse("start \u200B\r\n\u0000"));
    }

    @Test
    void wordsQuotedBackInErrorsAreDecodedOnce() {
        assertEquals(new Command.Unknown("r&d"), CommandParser.parse("r&amp;d"));
        CommandException status = assertThrows(CommandException.class, () -> CommandParser.parse("status R&amp;D"));
        assertTrue(status.getMessage().startsWith("`R&D` is not a status"), status.getMessage());
        CommandException at = assertThrows(CommandException.class, () -> CommandParser.parse("at &lt;x&gt; y"));
        assertTrue(at.getMessage().startsWith("`<x>` is not a time."), at.getMessage());
    }

    @Test
    void notesStayInSlackMarkupSoTheirMentionsAreShownByName() {
        assertEquals(new Command.Note("told <@U2|bob> about R&amp;D"), CommandParser.parse("note told <@U2|bob> about R&amp;D"));
    }
}

package dev.scribe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.incident.Severity;
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
        CommandException empty = assertThrows(CommandException.class, () -> CommandParser.parse("start"));
        assertTrue(empty.getMessage().contains("needs a title"), empty.getMessage());
        assertThrows(CommandException.class, () -> CommandParser.parse("start sev2   "));
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
}

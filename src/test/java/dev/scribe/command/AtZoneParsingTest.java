package dev.scribe.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The zone or offset typed after the time of {@code /incident at}. */
class AtZoneParsingTest {

    private static Command.At at(String text) {
        return (Command.At) CommandParser.parse(text);
    }

    @Test
    void anAbbreviationAnOffsetOrAZoneIdAfterTheTime() {
        assertEquals(new Command.At(null, LocalTime.of(1, 30), ZoneOffset.ofHours(-5), ":boom:", "deploy"),
                at("at 01:30 EST :boom: deploy"));
        assertEquals(new Command.At(null, LocalTime.of(1, 30), ZoneOffset.ofHours(1), null, "failover"),
                at("at 01:30 +01:00 failover"));
        assertEquals(ZoneOffset.ofHoursMinutes(5, 30), at("at 01:30 +0530 x").zone());
        assertEquals(ZoneOffset.ofHours(-4), at("at 01:30 UTC-4 x").zone());
        assertEquals(ZoneId.of("UTC"), at("at 01:30 UTC x").zone());
        assertEquals(new Command.At(LocalDate.of(2026, 11, 1), LocalTime.of(1, 30), ZoneId.of("America/New_York"), null,
                "paged"), at("at 2026-11-01 01:30 America/New_York paged"));
        assertEquals(ZoneId.of("Europe/London"), at("at 09:00 europe/london x").zone());
    }

    @Test
    void withoutAZoneTheTextIsUntouched() {
        Command.At plain = at("at 01:30 API errors +1 node, est. 5 min");
        assertEquals(null, plain.zone());
        assertEquals("API errors +1 node, est. 5 min", plain.text());
        assertEquals("client/server timeouts", at("at 01:30 client/server timeouts").text());
        assertEquals("ESTIMATE was wrong", at("at 01:30 ESTIMATE was wrong").text());
    }

    @Test
    void aZoneThatIsATypoIsRefusedNotTakenAsText() {
        CommandException typo = assertThrows(CommandException.class, () -> CommandParser.parse("at 01:30 America/New_Yrok x"));
        assertEquals("`America/New_Yrok` is not a time zone I know; use one like `America/New_York`, an offset like "
                + "`-05:00`, or an abbreviation like `EST`.", typo.getMessage());
        assertThrows(CommandException.class, () -> CommandParser.parse("at 01:30 +25:00 x"));
        CommandException noText = assertThrows(CommandException.class, () -> CommandParser.parse("at 01:30 EST"));
        assertEquals("`at` needs text after the time.", noText.getMessage().substring(0, 31));
    }
}

package dev.scribe.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ShownTimesTest {

    private static final ZonedDateTime BERLIN_WINTER = ZonedDateTime.parse("2026-11-22T14:05:00+01:00[Europe/Berlin]");

    @Test
    void timesAreWrittenOneWay() {
        assertEquals("2026-11-22 14:05 CET", ShownTimes.DATE_TIME_ZONE.format(BERLIN_WINTER));
        assertEquals("2026-11-22 14:05", ShownTimes.DATE_TIME.format(BERLIN_WINTER));
        assertEquals("14:05", ShownTimes.HH_MM.format(BERLIN_WINTER));
    }

    /**
     * A formatter takes the machine's language when it is made, at class loading, so no test in this JVM can switch
     * it afterwards: what is checked is that the formats carry English themselves, and that this matters.
     */
    @Test
    void zoneNamesAreEnglishWhateverTheMachinesLanguage() {
        for (DateTimeFormatter f : List.of(ShownTimes.DATE_TIME_ZONE, ShownTimes.DATE_TIME, ShownTimes.HH_MM)) {
            assertEquals(Locale.ENGLISH, f.getLocale());
        }
        assertNotEquals("2026-11-22 14:05 CET",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz", Locale.GERMANY).format(BERLIN_WINTER));
    }
}

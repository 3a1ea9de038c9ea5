package dev.scribe.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.scribe.incident.ReadBack;
import dev.scribe.incident.ReadBack.Recovery;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The words a report and a header use for what was read back rather than received live. */
class ReadBackTextTest {

    static final ZoneId UTC = ZoneId.of("UTC");

    @Test
    void aRecoverySaysHowManyMessagesAndOverWhichGap() {
        Recovery r = new Recovery(12, Instant.parse("2026-03-01T02:10:30Z"), Instant.parse("2026-03-01T03:05:00Z"));
        assertEquals("12 messages recovered after the bot was unreachable from 02:10 to 03:05 UTC", ReadBackText.line(r, UTC));
        assertEquals("1 message recovered after the bot was unreachable from 02:10 to 03:05 UTC",
                ReadBackText.line(new Recovery(1, r.from(), r.until()), UTC));
    }

    @Test
    void aGapOverMidnightInTheReportsZoneNamesBothDays() {
        Recovery r = new Recovery(3, Instant.parse("2026-07-01T22:50:00Z"), Instant.parse("2026-07-01T23:40:00Z"));
        assertEquals("3 messages recovered after the bot was unreachable from 2026-07-01 23:50 to 2026-07-02 00:40 BST",
                ReadBackText.line(r, ZoneId.of("Europe/London")));
    }

    @Test
    void aReportCompiledWhileReadingBackSaysItMayMissMessages() {
        Recovery r = new Recovery(2, Instant.parse("2026-03-01T02:10:00Z"), Instant.parse("2026-03-01T02:20:00Z"));
        assertEquals(List.of(), ReadBackText.lines(ReadBack.NONE, UTC));
        assertEquals(List.of("2 messages recovered after the bot was unreachable from 02:10 to 02:20 UTC.",
                        "The bot was still reading back what it missed when this report was compiled: some messages may be "
                                + "missing."),
                ReadBackText.lines(new ReadBack(List.of(r), true), UTC));
    }
}

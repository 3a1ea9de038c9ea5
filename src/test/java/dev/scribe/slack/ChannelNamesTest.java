package dev.scribe.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 22);

    @Test
    void slugIsLowercaseAsciiWithSingleDashes() {
        assertEquals("inc-20261122-checkout-errors-after-deploy-v2-41",
                ChannelNames.forIncident(DAY, "  Checkout errors after deploy (v2.41)!! ", 1));
    }

    @Test
    void accentsAreDroppedAndOtherScriptsRemoved() {
        assertEquals("inc-20261122-cafe-creme-paiement-echoue", ChannelNames.forIncident(DAY, "Café crème: paiement échoué", 1));
        assertEquals("inc-20261122-api", ChannelNames.forIncident(DAY, "決済 API エラー 🔥", 1));
    }

    @Test
    void titleWithNothingUsableFallsBackToIncident() {
        assertEquals("inc-20261122-incident", ChannelNames.forIncident(DAY, "🔥🔥🔥 決済", 1));
    }

    @Test
    void wholeNameNeverExceeds80CharactersEvenWithSuffix() {
        String title = "a very long title ".repeat(10);
        for (int attempt = 1; attempt <= 12; attempt++) {
            String name = ChannelNames.forIncident(DAY, title, attempt);
            assertTrue(name.length() <= 80, name + " is " + name.length());
            assertTrue(name.matches("[a-z0-9-]+"), name);
            assertTrue(!name.contains("--"), name);
        }
        assertTrue(ChannelNames.forIncident(DAY, title, 12).endsWith("-12"));
    }

    @Test
    void secondAttemptGetsDashTwo() {
        assertEquals("inc-20261122-db-down-2", ChannelNames.forIncident(DAY, "DB down", 2));
    }
}

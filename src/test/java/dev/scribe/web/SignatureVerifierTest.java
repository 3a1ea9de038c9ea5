package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.SlackSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final SignatureVerifier verifier = new SignatureVerifier("s3cret", Clock.fixed(NOW, ZoneOffset.UTC));
    private final SlackSigner signer = new SlackSigner("s3cret");
    private final byte[] body = "{\"text\":\"déploiement 🔥 cassé\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsWhatSlackSignsIncludingRawUtf8() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertTrue(verifier.verify(ts, signer.sign(ts, body), body));
    }

    @Test
    void refusesAWrongSecretOrAChangedBody() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertFalse(verifier.verify(ts, new SlackSigner("other").sign(ts, body), body));
        byte[] changed = "{\"text\":\"deploiement\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(verifier.verify(ts, signer.sign(ts, body), changed));
    }

    @Test
    void refusesMissingHeaders() {
        String ts = String.valueOf(NOW.getEpochSecond());
        assertFalse(verifier.verify(null, signer.sign(ts, body), body));
        assertFalse(verifier.verify(ts, null, body));
        assertFalse(verifier.verify("not-a-number", signer.sign(ts, body), body));
    }

    @Test
    void timestampMustBeWithinFiveMinutesEitherWay() {
        for (long offset : new long[] {-301, 301, 3600, -3600}) {
            String ts = String.valueOf(NOW.getEpochSecond() + offset);
            assertFalse(verifier.verify(ts, signer.sign(ts, body), body), "offset " + offset);
        }
        for (long offset : new long[] {-300, 300}) {
            String ts = String.valueOf(NOW.getEpochSecond() + offset);
            assertTrue(verifier.verify(ts, signer.sign(ts, body), body), "offset " + offset);
        }
    }
}

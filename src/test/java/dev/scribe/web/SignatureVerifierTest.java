package dev.scribe.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scribe.testing.SlackSigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    /**
     * The verifier keeps one keyed MAC per thread: a refused request on one thread must leave nothing behind for the
     * next request on it, and threads verifying at once must not share a MAC's state.
     */
    @Test
    void manyThreadsVerifyingAtOnceEachGetTheirOwnAnswer() throws Exception {
        String ts = String.valueOf(NOW.getEpochSecond());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        byte[] mine = ("{\"n\":" + thread + i + "}").getBytes(StandardCharsets.UTF_8);
                        byte[] other = ("{\"n\":-" + thread + i + "}").getBytes(StandardCharsets.UTF_8);
                        assertFalse(verifier.verify(ts, signer.sign(ts, other), mine), "thread " + thread + ", " + i);
                        assertTrue(verifier.verify(ts, signer.sign(ts, mine), mine), "thread " + thread + ", " + i);
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

package dev.scribe.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code v0=} + hex(HMAC-SHA256(secret, "v0:{timestamp}:{body}")).
 * The HMAC runs over the raw body bytes (Bolt's own check uses the platform charset and fails on emoji
 * under {@code LANG=C}), and the timestamp must be within 5 minutes of now in <em>both</em> directions
 * (Bolt's only rejects old ones).
 */
public final class SignatureVerifier {

    /** How far a request's timestamp may be from now, either way. */
    public static final long MAX_SKEW_SECONDS = 300;

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{1,12}");

    private final byte[] secret;
    private final Clock clock;
    /**
     * One keyed MAC per request thread: looking the algorithm up and keying it on every request showed in the request
     * threads' profile (docs/performance.md, issue 18). {@code doFinal} leaves it ready for the next request.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public SignatureVerifier(String signingSecret, Clock clock) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** True when the headers sign exactly this body at an acceptable time. */
    public boolean verify(String timestampHeader, String signatureHeader, byte[] body) {
        if (!plausible(timestampHeader, signatureHeader)) {
            return false;
        }
        byte[] expected = sign(timestampHeader, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * True when both headers are present, the signature has Slack's shape and the timestamp is within
     * {@link #MAX_SKEW_SECONDS} of now: what can be checked before the body has arrived.
     */
    public boolean plausible(String timestampHeader, String signatureHeader) {
        if (timestampHeader == null || signatureHeader == null || !TIMESTAMP.matcher(timestampHeader).matches()
                || !signatureHeader.startsWith("v0=")) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        return Math.abs(clock.instant().getEpochSecond() - timestamp) <= MAX_SKEW_SECONDS;
    }

    /** The signature Slack would send for this body and timestamp. */
    public String sign(String timestamp, byte[] body) {
        Mac mac = macs.get();
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
        mac.update(body);
        return "v0=" + HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}

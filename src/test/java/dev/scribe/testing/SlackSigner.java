package dev.scribe.testing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs test requests the way Slack does, written independently of the code under test and of Bolt's
 * SlackSignature.Generator (which shares the platform-charset bug and would hide it). Bytes are explicit UTF-8.
 */
public final class SlackSigner {

    private final String secret;

    public SlackSigner(String secret) {
        this.secret = secret;
    }

    /** {@code v0=} + hex HMAC-SHA256 over {@code v0:<ts>:<body bytes>}. */
    public String sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] prefix = ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(body, 0, all, prefix.length, body.length);
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(all));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs a UTF-8 string body. */
    public String sign(String timestamp, String body) {
        return sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    }
}

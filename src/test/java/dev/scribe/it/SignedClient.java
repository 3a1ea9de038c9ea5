package dev.scribe.it;

import dev.scribe.testing.SlackSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Sends requests to the bot over real HTTP, signed like Slack signs them (or deliberately not). */
final class SignedClient {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final SlackSigner signer;
    private final Clock clock;

    /** Signs with {@code clock}'s time: the bot's clock, so a test may run it at a fixed instant. */
    SignedClient(int port, String signingSecret, Clock clock) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.signer = new SlackSigner(signingSecret);
        this.clock = clock;
    }

    /** An Events API body, signed now. */
    HttpResponse<String> event(String json) {
        return signed(json.getBytes(StandardCharsets.UTF_8), JSON, now(), null);
    }

    /** The same body again, as Slack's retry after a slow or failed ack. */
    HttpResponse<String> retry(String json, int attempt) {
        return signed(json.getBytes(StandardCharsets.UTF_8), JSON, now(), attempt);
    }

    /** A slash command form, signed now. */
    HttpResponse<String> command(String form) {
        return signed(form.getBytes(StandardCharsets.UTF_8), FORM, now(), null);
    }

    /** An interactivity request (shortcut, button, view submission): Slack sends one form field, {@code payload}. */
    HttpResponse<String> interaction(String payloadJson) {
        return command(Interactions.form(payloadJson));
    }

    /** Signed with the given timestamp (seconds), for stale and future-dated requests. */
    HttpResponse<String> signedAt(byte[] body, String contentType, long timestamp) {
        return signed(body, contentType, timestamp, null);
    }

    /** Any headers at all, including none: for forged and missing signatures. */
    HttpResponse<String> raw(byte[] body, String contentType, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    /** Any method, any body publisher (a stream without a length is sent chunked), optionally signed. */
    HttpResponse<String> send(String method, HttpRequest.BodyPublisher body, String contentType, byte[] signedBytes) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(20))
                .method(method, body);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (signedBytes != null) {
            long ts = now();
            b.header("X-Slack-Request-Timestamp", String.valueOf(ts)).header("X-Slack-Signature", signer.sign(String.valueOf(ts), signedBytes));
        }
        return send(b.build());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    /** The signature Slack would send for this body at this time. */
    String signature(long timestamp, byte[] body) {
        return signer.sign(String.valueOf(timestamp), body);
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    private HttpResponse<String> signed(byte[] body, String contentType, long timestamp, Integer retry) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/slack/events"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                .header("X-Slack-Signature", signer.sign(String.valueOf(timestamp), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (retry != null) {
            b.header("X-Slack-Retry-Num", String.valueOf(retry)).header("X-Slack-Retry-Reason", "http_timeout");
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

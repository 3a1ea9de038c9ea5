package dev.scribe.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser's view of the incident pages over real HTTP: sign-in links from /incident web, cookies by hand. */
final class WebClient {

    private static final Pattern LINK = Pattern.compile("<(http[^|>]+/signin\\?token=([A-Za-z0-9_-]+))\\|");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    WebClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    String base() {
        return base;
    }

    /** A port free right now, for a bot whose SCRIBE_PUBLIC_URL must name its port before it starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sign-in link {@code /incident web} gave {@code user} (run from #ops), checked to be ephemeral. */
    static String signInLink(RunningScribe bot, String user) {
        RunningScribe.Reply reply = bot.command(user, RunningScribe.OPS, "web");
        reply.assertEphemeral("your personal sign-in link");
        String text = com.google.gson.JsonParser.parseString(reply.ack().body()).getAsJsonObject().get("text").getAsString();
        Matcher m = LINK.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    HttpResponse<String> send(String method, String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, HttpRequest.BodyPublishers.ofString("x=1"));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    /** Presses the sign-in button of a link's page: a form POST from the page's own origin. */
    HttpResponse<String> postSignIn(String token, String cookie, String origin) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token, StandardCharsets.UTF_8));
        if (origin != null) {
            request.header("Origin", origin);
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return send(request);
    }

    /** Signs {@code user} in with a fresh link; returns the {@code name=value} of the session cookie. */
    String signIn(RunningScribe bot, String user) {
        String link = signInLink(bot, user);
        assertEquals(200, get(link, null).statusCode());
        HttpResponse<String> signedIn = postSignIn(token(link), null, base);
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        return sessionCookie(signedIn);
    }

    static String sessionCookie(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** A page that must show no incident data and no trace of the server's insides. */
    static void assertNoTrace(HttpResponse<String> response) {
        assertTrue(response.statusCode() >= 400 && response.statusCode() < 500,
                response.statusCode() + ": " + response.body());
        assertFalse(response.body().contains("at dev.scribe") || response.body().contains("Exception")
                || response.body().contains("at org.eclipse"), response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // A new connection for each request: the pages close connections after some refusals (a query too
            // long, an unread body), and a pooled connection closed that way fails the next request sent on it.
            return http.send(request.timeout(Duration.ofSeconds(20)).header("Connection", "close").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /incident web} and the sign-in it leads to, over real HTTP: a personal link that works once and for ten
 * minutes, a session cookie that is HttpOnly, SameSite=Lax and Secure behind https, sessions in the database
 * that expire, and a page with no incident data for every link that does not work.
 */
class WebSignInTest {

    @TempDir
    Path dir;
    RunningScribe bot;
    MovableClock clock = new MovableClock();

    @AfterEach
    void stop() throws Exception {
        if (bot != null) {
            bot.close();
        }
    }

    private WebClient start(Map<String, String> env) throws Exception {
        bot = RunningScribe.start(dir, env, clock);
        return new WebClient(bot.port());
    }

    private WebClient startWithPublicUrl() throws Exception {
        int port = WebClient.freePort();
        return start(Map.of("PORT", String.valueOf(port), "SCRIBE_PUBLIC_URL", "http://127.0.0.1:" + port + "/"));
    }

    @Test
    void withoutAPublicUrlThePagesAreServedButNoLinkIsGivenAndTheReplySaysWhatToSet() throws Exception {
        WebClient web = start(Map.of());
        RunningScribe.Reply reply = bot.command(ALICE, OPS, "web");
        reply.assertEphemeral("The incident pages are served, but I hand out no links until `SCRIBE_PUBLIC_URL` is set: "
                + "set it to the address people's browsers use for the bot (for example `https://scribe.example.com`, "
                + "or `http://localhost:3000` on a laptop) and restart me.");
        assertFalse(reply.ack().body().contains("/signin"), reply.ack().body());
        HttpResponse<String> list = web.get("/incidents", null);
        assertEquals(401, list.statusCode());
        assertTrue(list.body().contains("Type /incident web in Slack for a new personal link."), list.body());
    }

    @Test
    void aLinkSignsInOnceWithAnHttpOnlyLaxCookieAndIsStoredOnlyAsItsHash() throws Exception {
        WebClient web = startWithPublicUrl();
        String link = WebClient.signInLink(bot, ALICE);
        assertTrue(link.startsWith(web.base() + "/signin?token="), link);
        String token = WebClient.token(link);

        HttpResponse<String> page = web.get(link, null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<button type=\"submit\" id=\"sign-in\">Sign in</button>"), page.body());
        assertEquals(200, web.get(link, null).statusCode(), "showing the button does not use the link up");

        HttpResponse<String> signedIn = web.postSignIn(token, null, web.base());
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertEquals("/incidents", signedIn.headers().firstValue("Location").orElseThrow());
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.matches("scribe_session=[A-Za-z0-9_-]{43}; Path=/; Max-Age=43200; HttpOnly; SameSite=Lax"),
                setCookie);
        String cookie = WebClient.sessionCookie(signedIn);
        assertEquals(200, web.get("/incidents", cookie).statusCode());

        HttpResponse<String> again = web.postSignIn(token, null, web.base());
        assertEquals(410, again.statusCode());
        assertTrue(again.body().contains("This sign-in link was used already"), again.body());
        assertTrue(again.body().contains("Type /incident web in Slack for a new personal link."), again.body());
        assertFalse(again.headers().firstValue("Set-Cookie").isPresent());
        assertEquals(410, web.get(link, null).statusCode(), "the page of a used link says so too");

        List<String> stored = storedTokens();
        assertEquals(2, stored.size(), stored.toString());
        String sessionValue = cookie.substring(cookie.indexOf('=') + 1);
        for (String value : stored) {
            assertTrue(value.matches("[0-9a-f]{64}"), value);
            assertFalse(value.equals(token) || value.equals(sessionValue), "tokens are stored only as hashes");
        }
    }

    @Test
    void expiredAlteredAndForeignLinksOpenNoSessionAndShowNoData() throws Exception {
        WebClient web = startWithPublicUrl();
        bot.startIncident(ALICE, "sev2 Checkout latency");

        String late = WebClient.token(WebClient.signInLink(bot, ALICE));
        clock.set(clock.instant().plus(Duration.ofMinutes(10)).plusSeconds(1));
        HttpResponse<String> expired = web.postSignIn(late, null, web.base());
        assertEquals(410, expired.statusCode());
        assertTrue(expired.body().contains("This sign-in link has expired"), expired.body());
        assertTrue(expired.body().contains("Links work for 10 minutes. Type /incident web in Slack"), expired.body());

        String good = WebClient.token(WebClient.signInLink(bot, ALICE));
        String altered = good.substring(0, 20) + (good.charAt(20) == 'A' ? 'B' : 'A') + good.substring(21);
        for (String bad : List.of(altered, good.substring(0, 30), good + "x", "", "%00")) {
            HttpResponse<String> refused = web.postSignIn(bad, null, web.base());
            assertEquals(404, refused.statusCode(), bad);
            assertTrue(refused.body().contains("This sign-in link is not valid"), refused.body());
            assertFalse(refused.body().contains("Checkout latency"));
            assertFalse(refused.headers().firstValue("Set-Cookie").isPresent());
        }

        // A browser signed in as Bob is not switched to Alice by her link; her link still works for her.
        String bob = web.signIn(bot, BOB);
        HttpResponse<String> foreign = web.postSignIn(good, bob, web.base());
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("This link is someone else&#39;s"), foreign.body());
        assertEquals(303, web.postSignIn(good, null, web.base()).statusCode());

        // A form posted from another site is refused.
        String another = WebClient.token(WebClient.signInLink(bot, ALICE));
        assertEquals(403, web.postSignIn(another, null, "https://evil.example").statusCode());
        assertEquals(303, web.postSignIn(another, null, web.base()).statusCode());
    }

    @Test
    void sessionsLiveInTheDatabaseAcrossRestartsAndExpireAfterTwelveHours() throws Exception {
        WebClient web = startWithPublicUrl();
        String cookie = web.signIn(bot, ALICE);
        bot.restart();
        assertEquals(200, web.get("/incidents", cookie).statusCode(), "a restarted bot (or another replica) honours it");
        clock.set(clock.instant().plus(Duration.ofHours(12)).plusSeconds(1));
        HttpResponse<String> expired = web.get("/incidents", cookie);
        assertEquals(401, expired.statusCode());
        assertTrue(expired.body().contains("Sign in to see incidents"), expired.body());
    }

    @Test
    void theCookieIsSecureWhenThePublicUrlIsHttps() throws Exception {
        WebClient web = start(Map.of("SCRIBE_PUBLIC_URL", "https://scribe.example.com"));
        String link = WebClient.signInLink(bot, ALICE);
        assertTrue(link.startsWith("https://scribe.example.com/signin?token="), link);
        // TLS ends at a proxy in front of the bot: the browser's origin is the public one.
        HttpResponse<String> signedIn = web.postSignIn(WebClient.token(link), null, "https://scribe.example.com");
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertTrue(signedIn.headers().firstValue("Set-Cookie").orElseThrow().endsWith("; HttpOnly; SameSite=Lax; Secure"));
    }

    private List<String> storedTokens() throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(bot.env().get("SCRIBE_DB_URL"), "", "");
             Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT token_hash FROM web_sign_in_links", "SELECT session_hash FROM web_sessions")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                    }
                }
            }
        }
        return values;
    }
}

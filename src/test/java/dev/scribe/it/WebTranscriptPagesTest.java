package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static dev.scribe.it.RunningScribe.OPS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The transcript of a large incident in pages, over real HTTP: a thread that would straddle the end of the first
 * page goes whole to the next, the next and previous links lead where they say, user text is escaped on every page,
 * the RCA download stays whole, and a page number that is not one gets a 4xx page.
 */
class WebTranscriptPagesTest {

    /** Just short of a page, so that the thread's parent and replies would straddle the boundary. */
    private static final int BEFORE_THREAD = 198;
    private static final String PARENT = "Thread across the boundary <b>parent</b>";
    private static final String HOSTILE = "<img src=x onerror=\"window.__xss=3\">";
    private static final Pattern NEXT = Pattern.compile("<a rel=\"next\" class=\"next\" href=\"([^\"]+)\">");
    private static final Pattern PREVIOUS = Pattern.compile("<a rel=\"prev\" class=\"previous\" href=\"([^\"]+)\">");

    @TempDir
    static Path dir;
    static RunningScribe bot;
    static WebClient web;
    static String bob;

    @BeforeAll
    static void seed() throws Exception {
        int port = WebClient.freePort();
        bot = RunningScribe.start(dir, WebScenario.environment(port), Clock.systemUTC());
        web = new WebClient(port);
        bot.command(ALICE, OPS, "start sev2 Many messages").assertInChannel("");
        long second = Clock.systemUTC().instant().getEpochSecond();
        int seq = 1;
        for (int i = 0; i < BEFORE_THREAD; i++) {
            bot.say(OPS, i % 2 == 0 ? ALICE : BOB, SlackPayloads.ts(second, seq++), null, "message " + i);
        }
        String parentTs = SlackPayloads.ts(second, seq++);
        bot.say(OPS, ALICE, parentTs, null, WebScenario.slack(PARENT));
        bot.say(OPS, BOB, SlackPayloads.ts(second, seq++), null, "said after the parent");
        for (int r = 1; r <= 3; r++) {
            bot.say(OPS, BOB, SlackPayloads.ts(second, seq++), parentTs, "reply " + r + " " + WebScenario.slack(HOSTILE));
        }
        bot.awaitStored();
        bob = web.signIn(bot, BOB);
    }

    @AfterAll
    static void stop() throws Exception {
        bot.close();
    }

    @Test
    void theThreadGoesWholeToTheNextPageAndTheLinksLeadThere() {
        HttpResponse<String> first = web.get("/incidents/1", bob);
        assertEquals(200, first.statusCode(), first.body());
        String page1 = first.body();
        assertTrue(page1.contains("page 1 of 2)"), page1);
        assertTrue(page1.contains("message 0") && page1.contains("message " + (BEFORE_THREAD - 1)), "page 1 starts at the start");
        assertFalse(page1.contains("Thread across the boundary") || page1.contains("reply 1"), "the thread is not split");
        assertTrue(messages(page1) <= 200, "at most a page: " + messages(page1));

        String next = link(NEXT, page1);
        assertEquals("/incidents/1?transcript=2#transcript-heading", next);
        String page2 = web.get(next.substring(0, next.indexOf('#')), bob).body();
        assertTrue(page2.contains("page 2 of 2)"), page2);
        int parent = page2.indexOf("Thread across the boundary &lt;b&gt;parent&lt;/b&gt;");
        int replies = page2.indexOf("<ol class=\"replies\"", parent);
        assertTrue(parent > 0 && replies > parent, page2);
        for (int r = 1; r <= 3; r++) {
            assertTrue(page2.indexOf("reply " + r, replies) > replies, "reply " + r + " under its parent");
        }
        assertTrue(page2.indexOf("said after the parent") > page2.indexOf("reply 3"), "the next message after the thread");
        assertFalse(page2.contains("<img src=x") || page2.contains("<b>parent"), "escaped");
        assertTrue(page2.contains("&lt;img src&#61;x onerror&#61;&quot;window.__xss&#61;3&quot;&gt;"), page2);
        assertFalse(page2.contains("rel=\"next\""), "the last page");
        assertEquals("/incidents/1?transcript=1#transcript-heading", link(PREVIOUS, page2));

        // The rest of the page is whole on every page of the transcript.
        for (String page : List.of(page1, page2)) {
            assertTrue(page.contains("id=\"phase-chart\"") && page.contains("id=\"timeline\"")
                    && page.contains("id=\"download-rca\""), "chart, timeline and download on every page");
        }
    }

    @Test
    void theRcaDownloadHoldsTheWholeTranscript() {
        String md = web.get("/incidents/1/incident-1-rca.md?transcript=2", bob).body();
        assertTrue(md.contains("message 0") && md.contains("reply 3"), md);
    }

    @Test
    void aPageNumberThatIsNotOneGetsA4xxPage() {
        Object[][] cases = {
                {"/incidents/1?transcript=0", 400}, {"/incidents/1?transcript=-1", 400},
                {"/incidents/1?transcript=abc", 400}, {"/incidents/1?transcript=", 400},
                {"/incidents/1?transcript=1&transcript=2", 400}, {"/incidents/1?transcript=99999999999", 400},
                {"/incidents/1?transcript=1.5", 400}, {"/incidents/1?transcript=3", 404},
                {"/incidents/1?transcript=999999999", 404}, {"/incidents/2?transcript=1", 404},
        };
        for (Object[] c : cases) {
            HttpResponse<String> r = web.get((String) c[0], bob);
            assertEquals(c[1], r.statusCode(), c[0] + ": " + r.body());
            WebClient.assertNoTrace(r);
            assertFalse(r.body().contains("message 0") || r.body().contains("Many messages"), c[0] + " shows no data");
        }
        assertTrue(web.get("/incidents/1?transcript=3", bob).body().contains("has 2 pages."));
        assertEquals(401, web.get("/incidents/1?transcript=abc", null).statusCode(), "signed out comes first");
    }

    @Test
    void inTheBrowserNextLeadsToTheThreadWithItsRepliesAndNothingRuns() {
        ChromeDriver browser = Chromium.start("America/New_York", 1280, 1400);
        try {
            browser.get(WebClient.signInLink(bot, ALICE));
            browser.findElement(By.id("sign-in")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().endsWith("/incidents"));
            browser.get(web.base() + "/incidents/1");
            browser.findElement(By.cssSelector(".transcript-pages a.next")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("transcript=2"));
            assertTrue(browser.getCurrentUrl().endsWith("/incidents/1?transcript=2#transcript-heading"), browser.getCurrentUrl());
            WebElement parent = browser.findElements(By.cssSelector("#transcript > li.message")).stream()
                    .filter(li -> li.findElement(By.cssSelector("p.body")).getText().equals(PARENT)).findFirst().orElseThrow();
            List<WebElement> replies = parent.findElements(By.cssSelector("ol.replies li.reply"));
            assertEquals(3, replies.size());
            assertTrue(replies.get(0).getText().contains("reply 1 " + HOSTILE), replies.get(0).getText());
            assertTrue(browser.findElements(By.cssSelector("#transcript img")).isEmpty());
            assertEquals(null, browser.executeScript("return window.__xss;"), "no hostile script ran");
            assertEquals("2", browser.findElement(By.cssSelector(".transcript-pages [aria-current=page]")).getText());
            Chromium.screenshot(browser, "incident-transcript-page-2");
            browser.findElement(By.cssSelector(".transcript-pages a.previous")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("transcript=1"));
            assertTrue(browser.findElement(By.id("transcript")).getText().contains("message 0"));
        } finally {
            browser.quit();
        }
    }

    private static String link(Pattern pattern, String html) {
        Matcher m = pattern.matcher(html);
        assertTrue(m.find(), html);
        return m.group(1).replace("&#61;", "=");
    }

    private static int messages(String html) {
        int n = 0;
        for (int i = html.indexOf("<li class=\"message"); i >= 0; i = html.indexOf("<li class=\"message", i + 1)) {
            n++;
        }
        return n;
    }
}

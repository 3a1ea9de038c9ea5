package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static dev.scribe.it.RunningScribe.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The incident pages in headless Chromium (in New York, so the viewer's zone differs from the team's UTC): sign in
 * with a link, the incident with its phase chart where the key timings say, the transcript with its thread, hostile
 * messages shown as text with nothing run, used, altered and expired links, and a non-member on a private incident.
 * Screenshots go to target/screenshots/ (or where SCRIBE_SCREENSHOTS says: docs/screenshots for the README).
 */
class WebBrowserTest {

    @TempDir
    Path dir;
    MovableClock clock = new MovableClock();
    RunningScribe bot;
    WebScenario scenario;
    ChromeDriver browser;
    String base;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start("America/New_York", 1280, 900);
        int port = WebClient.freePort();
        bot = RunningScribe.start(dir, WebScenario.environment(port), clock);
        base = "http://127.0.0.1:" + port;
        scenario = WebScenario.seed(bot, clock);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (bot != null) {
            bot.close();
        }
    }

    @Test
    void aSignedInViewerSeesTheIncidentWithItsChartThreadAndHostileTextAsText() {
        String link = WebClient.signInLink(bot, ALICE);
        browser.get(link);
        Chromium.screenshot(browser, "sign-in");
        browser.findElement(By.id("sign-in")).click();
        await(() -> browser.getCurrentUrl().equals(base + "/incidents"));
        awaitLocalised();
        List<WebElement> rows = browser.findElements(By.cssSelector("#incidents tbody tr"));
        assertEquals(2, rows.size(), "Alice is in the private channel");
        assertTrue(rows.get(0).getText().contains(WebScenario.SECRET_TITLE), "newest first");
        Chromium.screenshot(browser, "incident-list");

        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 2400));
        browser.get(base + "/incidents/1");
        awaitLocalised();
        assertEquals("Incident 1: " + WebScenario.TITLE + " · Incident Scribe", browser.getTitle());
        assertEquals(WebScenario.TITLE, browser.findElement(By.id("incident-title")).getText());
        assertNull(browser.executeScript("return window.__xss;"), "no hostile script ran");
        String transcript = browser.findElement(By.id("transcript")).getText();
        assertTrue(transcript.contains(WebScenario.SCRIPT_MESSAGE) && transcript.contains(WebScenario.IMG_MESSAGE), transcript);
        assertTrue(browser.findElements(By.cssSelector("#transcript img")).isEmpty());

        // The viewer's zone: New York in December is EST; the exact UTC time is on hover.
        assertTrue(browser.findElement(By.id("zone-note")).getText().contains("America/New_York"));
        WebElement triggeredCell = browser.findElement(By.xpath("//table[@class='moments']//tr[th='Triggered']//time"));
        assertEquals(scenario.triggered.toString(), triggeredCell.getAttribute("datetime"));
        assertTrue(triggeredCell.getText().contains("EST"), triggeredCell.getText());
        assertTrue(triggeredCell.getAttribute("title").startsWith(scenario.triggered.toString().replace("T", " ")),
                triggeredCell.getAttribute("title"));

        // The phases sit where the key timings are.
        WebElement svg = browser.findElement(By.id("phase-chart"));
        Instant axisStart = Instant.parse(svg.getAttribute("data-axis-start"));
        Instant axisEnd = Instant.parse(svg.getAttribute("data-axis-end"));
        double left = Double.parseDouble(svg.getAttribute("data-left"));
        double right = Double.parseDouble(svg.getAttribute("data-right"));
        assertPhase(svg, "Triggered → Detected", scenario.triggered, scenario.detected, axisStart, axisEnd, left, right);
        assertPhase(svg, "Detected → Acknowledged", scenario.detected, scenario.acknowledged, axisStart, axisEnd, left, right);
        assertPhase(svg, "Acknowledged → Mitigated", scenario.acknowledged, scenario.mitigated, axisStart, axisEnd, left, right);
        assertPhase(svg, "Mitigated → Resolved", scenario.mitigated, scenario.resolved, axisStart, axisEnd, left, right);
        assertEquals(List.of("Triggered → Detected", "Detected → Acknowledged", "Acknowledged → Mitigated",
                        "Mitigated → Resolved"),
                svg.findElements(By.cssSelector("rect.phase")).stream().map(r -> r.getAttribute("data-phase")).toList());
        List<WebElement> markers = svg.findElements(By.cssSelector("circle.marker"));
        assertEquals(browser.findElements(By.cssSelector("#timeline li.entry")).size(), markers.size());
        assertTrue(markers.stream().anyMatch(m -> m.findElement(By.tagName("title")).getAttribute("textContent")
                .equals("Detected (Alice): p99 alert fired")));

        // Thread replies under their parent.
        WebElement parent = browser.findElement(By.id("m" + scenario.parentTs));
        assertTrue(parent.findElement(By.cssSelector("p.body")).getText().equals(WebScenario.PARENT));
        WebElement reply = parent.findElement(By.cssSelector("ol.replies li.reply"));
        assertEquals("m" + scenario.replyTs, reply.getAttribute("id"));
        assertTrue(reply.getText().contains(WebScenario.REPLY), reply.getText());

        // The timeline is grouped by the viewer's days, each heading naming the zone.
        assertTrue(browser.findElements(By.cssSelector("#timeline h3.day")).stream()
                .allMatch(h -> h.getText().endsWith("(America/New_York)")));
        assertTrue(browser.findElement(By.id("download-rca")).getAttribute("href").endsWith("/incidents/1/incident-1-rca.md"));
        Chromium.screenshot(browser, "incident-page");
        assertNull(browser.executeScript("return window.__xss;"), "no hostile script ran");
    }

    @Test
    void usedAlteredAndExpiredLinksAndANonMemberSeeNoData() {
        String link = WebClient.signInLink(bot, BOB);
        browser.get(link);
        browser.findElement(By.id("sign-in")).click();
        await(() -> browser.getCurrentUrl().equals(base + "/incidents"));
        assertFalse(browser.getPageSource().contains("Payroll"), "the list leaves out a private incident");

        browser.get(base + "/incidents/2");
        assertEquals("No incident 2 for you", browser.findElement(By.tagName("h1")).getText());
        assertFalse(browser.getPageSource().contains("Payroll") || browser.getPageSource().contains("export bucket"));
        Chromium.screenshot(browser, "private-incident-not-a-member");

        browser.get(link);
        assertEquals("This sign-in link was used already", browser.findElement(By.tagName("h1")).getText());
        assertTrue(browser.getPageSource().contains("Type /incident web in Slack for a new personal link."));
        Chromium.screenshot(browser, "link-used");

        browser.manage().deleteAllCookies();
        String fresh = WebClient.signInLink(bot, BOB);
        String token = WebClient.token(fresh);
        browser.get(fresh.replace(token, token.substring(0, 42) + (token.endsWith("A") ? "B" : "A")));
        assertEquals("This sign-in link is not valid", browser.findElement(By.tagName("h1")).getText());

        clock.set(clock.instant().plus(Duration.ofMinutes(11)));
        browser.get(fresh);
        assertEquals("This sign-in link has expired", browser.findElement(By.tagName("h1")).getText());
        browser.get(base + "/incidents/1");
        assertEquals("Sign in to see incidents", browser.findElement(By.tagName("h1")).getText());
        assertFalse(browser.getPageSource().contains("Checkout"));
    }

    private static void assertPhase(WebElement svg, String name, Instant from, Instant to, Instant axisStart,
                                    Instant axisEnd, double left, double right) {
        WebElement rect = svg.findElement(By.cssSelector("rect[data-phase='" + name + "']"));
        assertEquals(from.toString(), rect.getAttribute("data-from"));
        assertEquals(to.toString(), rect.getAttribute("data-to"));
        double span = Duration.between(axisStart, axisEnd).toMillis();
        double x1 = left + Duration.between(axisStart, from).toMillis() / span * (right - left);
        double x2 = left + Duration.between(axisStart, to).toMillis() / span * (right - left);
        assertEquals(x1, Double.parseDouble(rect.getAttribute("x")), 0.1, name + " starts at its first moment");
        assertEquals(x2 - x1, Double.parseDouble(rect.getAttribute("width")), 0.2, name + " ends at its second");
    }

    private void awaitLocalised() {
        await(() -> browser.executeScript("return document.documentElement.dataset.localised || null;") != null);
    }

    private void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> condition.getAsBoolean());
    }
}

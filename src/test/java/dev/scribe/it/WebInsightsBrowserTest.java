package dev.scribe.it;

import static dev.scribe.it.RunningScribe.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
 * {@code /insights} in headless Chromium over seeded incidents: reached from an incident page's header, the count
 * chart's bars add up to the table, the durations chart and table, the moments marked least, and the CSV link.
 * The screenshot goes where {@link WebBrowserTest}'s do.
 */
class WebInsightsBrowserTest {

    @TempDir
    Path dir;
    MovableClock clock = new MovableClock();
    RunningScribe bot;
    ChromeDriver browser;
    String base;
    WebClient web;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start("America/New_York", 1280, 2700);
        int port = WebClient.freePort();
        bot = RunningScribe.start(dir, WebScenario.environment(port), clock);
        base = "http://127.0.0.1:" + port;
        web = new WebClient(port);
        InsightsScenario.seed(bot, clock);
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
    void insightsOverSeededIncidentsWithChartsTablesAndTheCsv() {
        browser.get(WebClient.signInLink(bot, ALICE));
        browser.findElement(By.id("sign-in")).click();
        await(() -> browser.getCurrentUrl().equals(base + "/incidents"));
        browser.get(base + "/incidents/3");
        browser.findElement(By.linkText("Insights")).click();
        await(() -> browser.getCurrentUrl().equals(base + "/insights"));
        assertEquals("Insights · Incident Scribe", browser.getTitle());
        assertTrue(browser.findElements(By.id("left-out")).isEmpty(), "Slack answered for every incident");
        assertEquals("4 incident(s) in the range.", browser.findElement(By.id("incident-count")).getText());

        List<WebElement> bars = browser.findElements(By.cssSelector("#count-chart rect.bar"));
        assertEquals(4, bars.size(), "three weeks with incidents, one of them with a SEV1 and a SEV2");
        int charted = bars.stream().mapToInt(b -> Integer.parseInt(
                b.findElement(By.tagName("title")).getAttribute("textContent").replaceAll(".*: (\\d+) SEV\\d$", "$1"))).sum();
        int tabled = browser.findElements(By.cssSelector("#bucket-table tbody tr td:last-child")).stream()
                .mapToInt(td -> Integer.parseInt(td.getText())).sum();
        assertEquals(4, charted);
        assertEquals(4, tabled);
        assertTrue(bars.stream().allMatch(b -> b.getRect().getHeight() > 0), "every bar is drawn");

        List<WebElement> durations = browser.findElements(By.cssSelector("#duration-chart rect.duration"));
        assertEquals(8, durations.size());
        String table = browser.findElement(By.id("figure-table")).getText();
        assertTrue(table.contains("Time to resolve 3 30m 30m"), table);
        assertEquals("Cause identified", browser.findElement(By.cssSelector("#moment-table tbody tr th")).getText(),
                "the least marked moment comes first");
        Chromium.screenshot(browser, "insights");

        String csvLink = browser.findElement(By.id("export-csv")).getAttribute("href");
        String cookie = "scribe_session=" + browser.manage().getCookieNamed("scribe_session").getValue();
        HttpResponse<String> csv = web.get(csvLink, cookie);
        assertEquals(200, csv.statusCode());
        assertEquals(5, WebInsightsTest.parseCsv(csv.body()).size(), "a header and four incidents");
    }

    private void await(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> condition.getAsBoolean());
    }
}

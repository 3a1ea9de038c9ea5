package dev.scribe.it;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium and its chromedriver, both by path, so that Selenium Manager never downloads a
 * browser. Without them a test is skipped saying how to install them, except under {@code CI=true}, where a
 * skipped browser test would hide a broken machine: there it fails.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("SCRIBE_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("SCRIBE_TEST_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final String HOW = "install Debian's chromium and chromium-driver (apt-get install -y chromium "
            + "chromium-driver; .ci/run does it), or set SCRIBE_TEST_CHROMIUM and SCRIBE_TEST_CHROMEDRIVER";

    private Chromium() {
    }

    /** A headless browser in {@code timeZone}, with a window of the given size; the caller quits it. */
    static ChromeDriver start(String timeZone, int width, int height) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String why = "Browser tests need " + BROWSER + " and " + DRIVER + ": " + HOW;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("Browser tests must run in CI (CI=true). " + why);
            }
            assumeTrue(false, "Browser tests skipped. " + why);
        }
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("TZ", timeZone))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height, "--lang=en-GB", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--disable-component-update");
        return new ChromeDriver(service, options);
    }

    /**
     * Saves what the browser shows under target/screenshots/, or under the folder {@code SCRIBE_SCREENSHOTS} names
     * ({@code docs/screenshots} regenerates the README's): a plain test run then leaves the checkout unchanged.
     */
    static void screenshot(ChromeDriver browser, String name) {
        try {
            String chosen = System.getenv("SCRIBE_SCREENSHOTS");
            Path dir = chosen == null || chosen.isBlank() ? Path.of("target", "screenshots") : Path.of(chosen);
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

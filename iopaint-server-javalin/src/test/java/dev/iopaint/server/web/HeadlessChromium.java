package dev.iopaint.server.web;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Debian's Chromium and chromedriver, and nothing else: the driver's path is given to Selenium, so Selenium Manager
 * (which would look for, and download, a browser and driver) never runs, and the browser's own background traffic
 * (updates, sync, field trials) is switched off.
 */
final class HeadlessChromium {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final String INSTALL_HINT =
            "; install Debian's browser and driver with `apt-get install chromium chromium-driver`";

    private HeadlessChromium() {
    }

    /**
     * Starts a headless browser whose profile lives in {@code profileDir}.
     *
     * @throws IllegalStateException when the system browser or driver is missing
     */
    static ChromeDriver start(Path profileDir, int width, int height) {
        requireExecutable(BROWSER, "Chromium");
        requireExecutable(DRIVER, "chromedriver");
        // Either of these alone keeps Selenium Manager away; both make the intent plain.
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, DRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-extensions",
                        "--user-data-dir=" + profileDir, "--window-size=" + width + "," + height);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    private static void requireExecutable(Path path, String what) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(what + " is not at " + path + INSTALL_HINT);
        }
    }
}

package com.summitlakehouse.ops.support;

import com.summitlakehouse.testing.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's chromium and chromium-driver (installed by .ci/run where missing), headless, driven by Selenium. Suites
 * that need a browser are skipped, with the reason, where the two are not installed ({@link #available()}).
 */
public final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
    /** Where the screenshots of each page are kept for review. */
    public static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    private Browser() {
    }

    /** For {@code @EnabledIf}: a browser first (cheap to check), then Keycloak (started on first use). */
    public static boolean availableWithKeycloak() {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            System.err.println("SKIPPED: the console's browser test needs " + CHROMIUM + " and " + DRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
            return false;
        }
        return Keycloak.available();
    }

    public static ChromeDriver start() {
        try {
            Path profile = TempFiles.directory("ops-console-chromium");
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.summitlakehouse.ops.support;

import com.summitlakehouse.testing.TempFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
    /** axe-core's script, from its webjar on the test class path (org.webjars.npm:axe-core). */
    private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
    /**
     * Runs axe on the page and hands back its serious and critical violations, one line each; a page on which no
     * rule passed at all was not checked, and says so.
     */
    private static final String RUN_AXE = """
            const done = arguments[arguments.length - 1];
            axe.run(document)
              .then(r => done(r.passes.length === 0 ? ['axe checked nothing'] : r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '
                  + v.nodes.map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));""";
    private static String axe;

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
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
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

    /**
     * The accessibility violations of impact serious or critical on the page the browser shows (rule, what it asks,
     * the elements), as axe-core finds them; an empty list when there are none.
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(ChromeDriver driver) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            // Through WebDriver, not a script element: the page's Content-Security-Policy stays as it is.
            driver.executeScript(axeScript());
        }
        return (List<String>) driver.executeAsyncScript(RUN_AXE);
    }

    private static synchronized String axeScript() {
        if (axe == null) {
            try (InputStream in = Browser.class.getResourceAsStream(AXE)) {
                if (in == null) {
                    throw new IllegalStateException("no " + AXE + " on the test class path");
                }
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return axe;
    }
}

package com.summitlakehouse.ops.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Browser;
import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.TestDatabase;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The one browser of the console's browser test, and what a moderator does with it, as steps. */
final class ConsoleBrowser {

    static ChromeDriver browser;
    /** The console's base URL, e.g. http://localhost:PORT. */
    static String base;

    private ConsoleBrowser() {
    }

    static String console(String path) {
        return base + path;
    }

    /** Waits up to 20 s, looking every 50 ms: a page here loads in well under the default 500 ms step. */
    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20), Duration.ofMillis(50));
    }

    /** Waits for an element; on timeout, says where the browser is and what it shows. */
    static WebElement visible(By element) {
        try {
            return waiting().until(ExpectedConditions.visibilityOfElementLocated(element));
        } catch (org.openqa.selenium.TimeoutException e) {
            Browser.screenshot(browser, "failed-waiting");
            String page = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError("no " + element + " at " + browser.getCurrentUrl() + ": "
                    + page.substring(0, Math.min(page.length(), 800)), e);
        }
    }

    /** A screenshot of the page, kept for review, and its accessibility check: no serious or critical violation. */
    static void checked(String name) {
        Browser.screenshot(browser, name);
        List<String> violations = Browser.seriousViolations(browser);
        assertTrue(violations.isEmpty(), name + " (" + browser.getCurrentUrl() + "): " + String.join("\n", violations));
    }

    /** Keycloak's own login form, as a person fills it in. */
    static void signInAtKeycloak(String username) {
        visible(By.id("username"));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.url()), "the login page is the provider's: "
                + browser.getCurrentUrl());
        Browser.screenshot(browser, "00-keycloak-login-" + username);
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(Keycloak.PASSWORD);
        browser.findElement(By.id("kc-login")).click();
    }

    /** Signs the moderator in where the browser is not signed in yet; lands on {@code path}. */
    static void asModerator(String path) {
        browser.get(console(path));
        if (browser.getCurrentUrl().startsWith(Keycloak.url())) {
            signInAtKeycloak(Keycloak.MODERATOR);
            waiting().until(ExpectedConditions.urlContains("/console/"));
            browser.get(console(path));
        }
    }

    /**
     * The sign-in expires as it does after a long pause: the console's session cookie and the provider's own are
     * gone, the rest of the browser's state (the CSRF cookie, the open page) stays.
     */
    @SuppressWarnings("unchecked")
    static void expireSession() {
        List<Map<String, Object>> cookies = (List<Map<String, Object>>) browser
                .executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
        String provider = java.net.URI.create(Keycloak.url()).getHost();
        for (Map<String, Object> cookie : cookies) {
            String name = (String) cookie.get("name");
            if (name.startsWith("q_session") || provider.equals(cookie.get("domain"))) {
                browser.executeCdpCommand("Network.deleteCookies", Map.of("name", name,
                        "domain", cookie.get("domain"), "path", cookie.get("path")));
            }
        }
    }

    /**
     * Waits for the result banner to say {@code expected}. A decision reloads the page, so for a moment the banner of
     * the decision before may still be there (or gone stale under the reader, or, while the new document replaces it,
     * answered by chromedriver as a node that "does not belong to the document"): only the expected words end the
     * wait.
     */
    static void done(String expected) {
        try {
            waiting().ignoring(WebDriverException.class)
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("done"), expected));
        } catch (org.openqa.selenium.TimeoutException e) {
            Browser.screenshot(browser, "failed-waiting");
            String banner = browser.findElements(By.id("done")).stream().map(WebElement::getText).findFirst()
                    .orElse("no banner");
            throw new AssertionError("expected \"" + expected + "\" at " + browser.getCurrentUrl() + ": " + banner, e);
        }
    }

    /** The row of post {@code key} (platform/external_id), found by its data, however the id is spelled. */
    static WebElement postRow(String key) {
        return browser.findElements(By.cssSelector("tr[data-key]")).stream()
                .filter(row -> key.equals(row.getAttribute("data-key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key + " at " + browser.getCurrentUrl()));
    }

    /** The keys of the queue's rows, top to bottom. */
    static List<String> queueKeys() {
        return browser.findElements(By.cssSelector("#queue tr[data-key]")).stream()
                .map(row -> row.getAttribute("data-key")).toList();
    }

    /** A keyboard press where the focus is, as a person types it. */
    static void press(String key) {
        new Actions(browser).sendKeys(key).perform();
    }

    /** A key that submits a form: waits for the page it leads to. */
    static void pressAndWait(String key) {
        WebElement page = browser.findElement(By.tagName("html"));
        press(key);
        waiting().until(driver -> replaced(page));
    }

    /**
     * Whether the page an element belongs to was replaced. While the new document takes the old one's place,
     * chromedriver can answer "Node with given id does not belong to the document" instead of a stale element (seen
     * in CI): that is the old page gone too.
     */
    static boolean replaced(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException answer) {
            if (answer.getMessage() != null && answer.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw answer;
        }
    }

    /** The item that has the focus, by its data-key. */
    static String focused() {
        return browser.switchTo().activeElement().getAttribute("data-key");
    }

    static long ask(String text) {
        return ((Number) given().header("X-Forwarded-For", "192.0.2." + (int) (Math.random() * 250))
                .contentType(ContentType.JSON).body(Map.of("question_text", text))
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
    }

    /** The audit rows of one post, oldest first, as "action reason", read in the database. */
    static List<String> auditOf(String key) {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT action || coalesce(' ' || reason, '')"
                        + " FROM moderation_audit WHERE target_id = ? ORDER BY id")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    static void assertAudited(String key, String... rows) {
        assertEquals(List.of(rows), auditOf(key), "the audit trail of " + key);
    }
}

package com.summitlakehouse.ops.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Browser;
import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.WithKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser, signed in at Keycloak's own login page: a moderator's day (answer and publish a
 * question, hide a post, see both in the audit trail, sign out), a reader refused, a forged request refused.
 * Screenshots of each page land in target/console-screenshots.
 */
@QuarkusTest
@WithTestResource(WithKeycloak.class)
@EnabledIf(value = "com.summitlakehouse.ops.support.Browser#availableWithKeycloak",
        disabledReason = "needs chromium, chromium-driver and Keycloak; the reason is printed")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    static ChromeDriver browser;

    @TestHTTPResource("/")
    URL base;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    String console(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
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

    static String done() {
        return visible(By.id("done")).getText();
    }

    static long ask(String text) {
        return ((Number) given().header("X-Forwarded-For", "192.0.2." + (int) (Math.random() * 250))
                .contentType(ContentType.JSON).body(Map.of("question_text", text))
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
    }

    @Test
    @Order(1)
    void aModeratorSignsInAnswersAndPublishesHidesAPostSeesTheAuditTrailAndSignsOut() {
        long question = ask("Will the bus stop in Omaha? " + UUID.randomUUID());
        Map<String, Object> post = Posts.post("instagram", 1, true);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));

        browser.get(console("/console"));
        signInAtKeycloak(Keycloak.MODERATOR);
        waiting().until(ExpectedConditions.urlContains("/console/questions"));
        assertEquals("Robin Moderator", browser.findElement(By.id("user")).getText());
        Browser.screenshot(browser, "01-questions-pending");

        WebElement card = browser.findElement(By.id("question-" + question));
        card.findElement(By.tagName("textarea")).sendKeys("Yes, on day 14.");
        card.findElement(By.xpath(".//button[text()='Save answer']")).click();
        assertTrue(done().contains("Answer saved for question " + question), "the result is shown at once");

        browser.get(console("/console/questions?status=answered"));
        browser.findElement(By.id("question-" + question)).findElement(By.xpath(".//button[text()='Publish']")).click();
        assertTrue(done().contains("Question " + question + " published"));
        Browser.screenshot(browser, "02-question-published");
        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", hasItem((int) question));

        browser.get(console("/console/posts?handle=" + Posts.JOURNEY_ACCOUNT + "&platform=instagram"));
        WebElement row = browser.findElement(By.id("post-instagram-" + post.get("external_id")));
        assertEquals("Visible", row.findElement(By.className("state")).getText());
        Browser.screenshot(browser, "03-posts");
        row.findElement(By.tagName("button")).click();
        assertTrue(done().contains("is hidden from the site"));
        assertEquals("Hidden", browser.findElement(By.id("post-instagram-" + post.get("external_id")))
                .findElement(By.className("state")).getText());
        given().when().get("/api/v1/posts?platform=instagram&limit=100").then().statusCode(200)
                .body("items.external_id", not(hasItem(post.get("external_id"))));

        browser.get(console("/console/audit"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("moderator")))
                .selectByVisibleText(browser.findElement(By.id("moderator")).findElements(By.tagName("option"))
                        .stream().map(WebElement::getText).filter(text -> text.startsWith("Robin Moderator ("))
                        .findFirst().orElseThrow());
        browser.findElement(By.xpath("//button[text()='Filter']")).click();
        waiting().until(ExpectedConditions.urlContains("moderator="));
        String trail = browser.findElement(By.id("audit")).getText();
        Browser.screenshot(browser, "04-audit-trail");
        assertTrue(trail.contains("question.answer") && trail.contains("question.publish")
                && trail.contains("post.hide"), trail);
        assertTrue(trail.contains("question " + question) && trail.contains("post instagram/" + post.get("external_id")),
                trail);

        browser.get(console("/console/activity"));
        assertTrue(browser.findElement(By.id("activity")).getText().contains("Hides"));
        Browser.screenshot(browser, "05-activity");

        browser.findElement(By.id("sign-out")).click();
        visible(By.id("signed-out"));
        Browser.screenshot(browser, "06-signed-out");
        browser.get(console("/console/questions"));
        visible(By.id("username"));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.url()), "signed out at the provider too");
    }

    /** Signs the moderator in where the browser is not signed in yet; lands on {@code path}. */
    void asModerator(String path) {
        browser.get(console(path));
        if (browser.getCurrentUrl().startsWith(Keycloak.url())) {
            signInAtKeycloak(Keycloak.MODERATOR);
            waiting().until(ExpectedConditions.urlContains("/console/"));
            browser.get(console(path));
        }
    }

    /** The row of post {@code key} (platform/external_id), found by its data, however the id is spelled. */
    static WebElement postRow(String key) {
        return browser.findElements(By.cssSelector("tr[data-key]")).stream()
                .filter(row -> key.equals(row.getAttribute("data-key"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + key + " at " + browser.getCurrentUrl()));
    }

    /** A keyboard press where the focus is, as a person types it. */
    static void press(String key) {
        new org.openqa.selenium.interactions.Actions(browser).sendKeys(key).perform();
    }

    /** The audit rows of one post, oldest first, as "action reason". */
    static List<String> auditOf(String key) {
        List<String> rows = new java.util.ArrayList<>();
        try (java.sql.Connection c = com.summitlakehouse.ops.support.TestDatabase.connect();
                java.sql.PreparedStatement s = c.prepareStatement("SELECT action || coalesce(' ' || reason, '')"
                        + " FROM moderation_audit WHERE target_id = ? ORDER BY id")) {
            s.setString(1, key);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    @Test
    @Order(2)
    void aModeratorWorksThroughTheQueueWithKeysPreviewsABulkDecisionAndAnUndoEachAuditedOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> post = Posts.post("instagram", 60 - i, null);
            post.put("caption", "queue " + run + " #" + i);
            batch.add(post);
        }
        batch.get(5).put("media_url", "https://tracker.example.net/pixel-" + run + ".jpg");
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), batch);
        List<String> keys = batch.stream().map(p -> "instagram/" + p.get("external_id")).toList();

        asModerator("/console/posts/queue");
        visible(By.id("queue"));
        Browser.screenshot(browser, "11-review-queue");
        List<String> order = browser.findElements(By.cssSelector("#queue tr[data-key]")).stream()
                .map(row -> row.getAttribute("data-key")).filter(keys::contains).toList();
        assertEquals(keys, order, "oldest first");
        assertEquals("6", browser.findElement(By.id("waiting")).getText());
        // Previews: the listed media host's image, blurred; none at all from a host not on the list.
        WebElement image = postRow(keys.get(0)).findElement(By.cssSelector(".preview img"));
        assertTrue(image.getAttribute("src").startsWith("https://cdn.example.com/"), image.getAttribute("src"));
        assertTrue(image.getCssValue("filter").contains("blur"), image.getCssValue("filter"));
        assertTrue(postRow(keys.get(5)).findElements(By.tagName("img")).isEmpty(), "no image from an unlisted host");
        assertTrue(browser.findElements(By.cssSelector("img[src*='tracker.example.net']")).isEmpty());

        // Keys: j to the first post, a approves it; the list comes back at the same place, h hides the next one.
        try {
            waiting().until(driver -> "on".equals(browser.executeScript(
                    "return document.documentElement.dataset.keys")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("console.js did not run: " + browser.manage().logs().get("browser").getAll(), e);
        }
        press("j");
        waiting().until(driver -> keys.get(0).equals(browser.switchTo().activeElement().getAttribute("data-key")));
        press("a");
        assertTrue(done().contains("1 post approved (Fits the guidelines): " + keys.get(0)), done());
        waiting().until(driver -> keys.get(1).equals(browser.switchTo().activeElement().getAttribute("data-key")));
        press("h");
        assertTrue(done().contains("1 post hidden (Spam or advertising): " + keys.get(1)), done());
        Browser.screenshot(browser, "12-queue-after-a-hide");
        browser.findElement(By.id("undo")).click();
        assertTrue(done().contains("Undone: post " + keys.get(1) + " waits for review again"), done());
        assertEquals(keys.get(1), browser.findElements(By.cssSelector("#queue tr[data-key]")).get(0)
                .getAttribute("data-key"), "back in the queue, oldest first");

        // A bulk decision: two posts selected, one reason, one POST.
        postRow(keys.get(2)).findElement(By.cssSelector("input[type=checkbox]")).click();
        postRow(keys.get(3)).findElement(By.cssSelector("input[type=checkbox]")).click();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("hide-reason")))
                .selectByVisibleText("Off-topic");
        browser.findElement(By.id("hide-selected")).click();
        assertTrue(done().contains("2 posts hidden (Off-topic)"), done());
        assertEquals("3", browser.findElement(By.id("waiting")).getText(), "1, 4 and 5 wait");

        assertEquals(List.of("post.show Fits the guidelines"), auditOf(keys.get(0)));
        assertEquals(List.of("post.hide Spam or advertising", "post.undo_hide"), auditOf(keys.get(1)));
        assertEquals(List.of("post.hide Off-topic"), auditOf(keys.get(2)));
        assertEquals(List.of("post.hide Off-topic"), auditOf(keys.get(3)));

        browser.get(console("/console/audit"));
        String trail = visible(By.id("audit")).getText();
        Browser.screenshot(browser, "13-audit-readable");
        assertTrue(trail.contains("on the site: no → yes") && trail.contains("Off-topic")
                && trail.contains("post.undo_hide"), trail);
        assertTrue(!trail.contains("{is_visible"), "no Java maps: " + trail);
        browser.get(console("/console/questions"));
        visible(By.id("question-figures"));
        Browser.screenshot(browser, "14-question-queue");
    }

    @Test
    @Order(3)
    void postsWithHostileIdsAreEachModeratedThemselvesFromTheBrowser() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long question = ask("A question a hostile id aims at " + run);
        List<String> ids = List.of("../../questions/" + question + "/reject?" + run, "../visibility?is_visible=true#" + run,
                "a/b?c=d#e-" + run, "%2F..%2Fvisibility-" + run, "#top " + run, "grüße/日本語/🚌-" + run, "..%2f.." + run);
        List<Map<String, Object>> batch = new java.util.ArrayList<>();
        for (String id : ids) {
            Map<String, Object> post = Posts.post("tiktok", 5, false);
            post.put("external_id", id);
            post.put("caption", "hostile " + run);
            batch.add(post);
        }
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), batch);

        String search = "/console/posts?platform=tiktok&q=" + run;
        asModerator(search);
        Browser.screenshot(browser, "09-hostile-ids");
        for (String id : ids) {
            postRow("tiktok/" + id).findElement(By.tagName("button")).click();
            assertTrue(done().contains("Post tiktok/" + id + " is visible on the site"), "shown: " + id);
            assertTrue(browser.getCurrentUrl().contains("q=" + run), "back on the same search: " + browser.getCurrentUrl());
            assertEquals("Visible", postRow("tiktok/" + id).findElement(By.className("state")).getText(), id);
        }
        given().when().get("/api/v1/posts?platform=tiktok&limit=100").then().statusCode(200)
                .body("items.external_id", org.hamcrest.Matchers.hasItems(ids.toArray()));
        browser.get(console("/console/questions?status=pending"));
        assertTrue(visible(By.id("question-" + question)).getText().contains("(pending)"),
                "the question the first id aims at is untouched");
    }

    @Test
    @Order(4)
    void aFormWithAFieldNoPageSendsIsA400PageAndChangesNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> post = Posts.post("youtube", 5, false);
        post.put("caption", "bad form " + run);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        for (Map.Entry<String, String> field : Map.of("is_visible", "maybe", "back", "q=%zz", "platform", "myspace")
                .entrySet()) {
            asModerator("/console/posts?platform=youtube&q=" + run);
            WebElement form = postRow("youtube/" + post.get("external_id")).findElement(By.tagName("form"));
            browser.executeScript("arguments[0].querySelector('[name=' + arguments[1] + ']').value = arguments[2];",
                    form, field.getKey(), field.getValue());
            form.findElement(By.tagName("button")).click();
            WebElement page = visible(By.id("bad-request"));
            assertTrue(browser.findElement(By.tagName("main")).getText().contains(field.getKey()), field.getKey());
            assertTrue(page.isDisplayed());
        }
        Browser.screenshot(browser, "10-bad-form");
        asModerator("/console/posts?platform=youtube&q=" + run);
        assertEquals("Hidden", postRow("youtube/" + post.get("external_id")).findElement(By.className("state")).getText());
    }

    @Test
    @Order(5)
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() {
        Map<String, Object> post = Posts.post("x", 1, true);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        browser.get(console("/console/posts"));
        if (!browser.getCurrentUrl().contains("/console/posts")) {
            signInAtKeycloak(Keycloak.MODERATOR);
            waiting().until(ExpectedConditions.urlContains("/console/posts"));
        }
        String path = "/console/posts/visibility";
        // A forged form, as another site would post it: the signed-in browser's cookies go with it, the token not.
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const field = document.createElement('input');
                field.type = 'hidden';
                field.name = 'is_visible';
                field.value = 'false';
                form.appendChild(field);
                for (const [name, value] of [['platform', 'x'], ['external_id', arguments[1]]]) {
                    const more = document.createElement('input');
                    more.type = 'hidden';
                    more.name = name;
                    more.value = value;
                    form.appendChild(more);
                }
                document.body.appendChild(form);
                form.submit();""", path, post.get("external_id"));
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/console/posts?")));
        assertTrue(visible(By.id("csrf-refused")).isDisplayed());
        Browser.screenshot(browser, "08-forged-request-refused");
        given().when().get("/api/v1/posts?platform=x&limit=100").then().statusCode(200)
                .body("items.external_id", hasItem(post.get("external_id")));
    }

    @Test
    @Order(6)
    void aTokenOfAnEarlierSessionIsRefusedBannersComeFromTheServerAndSignOutTakesAPost() {
        Map<String, Object> post = Posts.post("x", 1, true);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        String search = "/console/posts?platform=x&handle=" + Posts.JOURNEY_ACCOUNT;
        asModerator(search);
        String oldToken = browser.findElement(By.name("csrf-token")).getAttribute("value");
        org.openqa.selenium.Cookie oldCookie = browser.manage().getCookieNamed("console-csrf");
        assertEquals(oldToken, oldCookie.getValue(), "the form's token is the cookie's");

        // A link cannot sign anyone out, nor can a banner come from a link's query string.
        browser.get(console("/console/logout"));
        visible(By.id("sign-out-by-button"));
        asModerator(search + "&done=Everything+is+fine&error=Call+555-0100");
        assertTrue(browser.findElements(By.id("done")).isEmpty() && browser.findElements(By.id("error")).isEmpty(),
                "no banner from the query string");
        assertTrue(browser.findElement(By.id("user")).isDisplayed(), "still signed in after the GET");

        browser.findElement(By.id("sign-out")).click();
        visible(By.id("signed-out"));
        asModerator(search);
        // The earlier session's token and cookie, put back together: valid once, but not for this session.
        browser.manage().deleteCookieNamed("console-csrf");
        browser.manage().addCookie(new org.openqa.selenium.Cookie.Builder("console-csrf", oldCookie.getValue())
                .path("/console").isHttpOnly(true).isSecure(true).sameSite("Strict").build());
        WebElement form = postRow("x/" + post.get("external_id")).findElement(By.tagName("form"));
        browser.executeScript("arguments[0].querySelector('[name=\"csrf-token\"]').value = arguments[1];", form,
                oldToken);
        form.findElement(By.tagName("button")).click();
        visible(By.id("csrf-refused"));
        given().when().get("/api/v1/posts?platform=x&limit=100").then().statusCode(200)
                .body("items.external_id", hasItem(post.get("external_id")));

        browser.get(console(search));
        browser.findElement(By.id("sign-out")).click();
        visible(By.id("signed-out"));
    }

    @Test
    @Order(7)
    void aReaderIsShownNotAllowedNeverAnError() {
        browser.get(console("/console/questions"));
        signInAtKeycloak(Keycloak.READER);
        WebElement refusal = visible(By.id("not-allowed"));
        assertTrue(refusal.getText().contains("does not have the moderator role"), refusal.getText());
        Browser.screenshot(browser, "07-reader-not-allowed");
        assertTrue(browser.findElements(By.cssSelector("main form")).isEmpty(), "nothing to act on");
    }
}

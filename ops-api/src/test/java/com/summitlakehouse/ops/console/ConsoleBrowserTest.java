package com.summitlakehouse.ops.console;

import static com.summitlakehouse.ops.console.ConsoleBrowser.asModerator;
import static com.summitlakehouse.ops.console.ConsoleBrowser.ask;
import static com.summitlakehouse.ops.console.ConsoleBrowser.assertAudited;
import static com.summitlakehouse.ops.console.ConsoleBrowser.auditOf;
import static com.summitlakehouse.ops.console.ConsoleBrowser.base;
import static com.summitlakehouse.ops.console.ConsoleBrowser.browser;
import static com.summitlakehouse.ops.console.ConsoleBrowser.checked;
import static com.summitlakehouse.ops.console.ConsoleBrowser.console;
import static com.summitlakehouse.ops.console.ConsoleBrowser.done;
import static com.summitlakehouse.ops.console.ConsoleBrowser.expireSession;
import static com.summitlakehouse.ops.console.ConsoleBrowser.focused;
import static com.summitlakehouse.ops.console.ConsoleBrowser.postRow;
import static com.summitlakehouse.ops.console.ConsoleBrowser.press;
import static com.summitlakehouse.ops.console.ConsoleBrowser.pressAndWait;
import static com.summitlakehouse.ops.console.ConsoleBrowser.queueKeys;
import static com.summitlakehouse.ops.console.ConsoleBrowser.signInAtKeycloak;
import static com.summitlakehouse.ops.console.ConsoleBrowser.visible;
import static com.summitlakehouse.ops.console.ConsoleBrowser.waiting;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Browser;
import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.WithKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

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

    @TestHTTPResource("/")
    URL url;

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

    @BeforeEach
    void base() {
        base = url.toString().replaceAll("/$", "");
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
        checked("01-questions-pending");
        double pending = Double.parseDouble(browser.findElement(By.id("questions-pending")).getText());
        assertEquals(pending, Metrics.sum("ops_review_queue_size", "queue=\"questions\""), "the gauge as counted");

        WebElement card = browser.findElement(By.id("question-" + question));
        card.findElement(By.tagName("textarea")).sendKeys("Yes, on day 14.");
        card.findElement(By.xpath(".//button[text()='Save answer']")).click();
        assertTrue(done().contains("Answer saved for question " + question), "the result is shown at once");
        assertEquals(pending - 1, Metrics.sum("ops_review_queue_size", "queue=\"questions\""),
                "the questions' gauge follows a decision on the questions page");

        browser.get(console("/console/questions?status=answered"));
        browser.findElement(By.id("question-" + question)).findElement(By.xpath(".//button[text()='Publish']")).click();
        assertTrue(done().contains("Question " + question + " published"));
        checked("02-question-published");
        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", hasItem((int) question));

        browser.get(console("/console/posts?handle=" + Posts.JOURNEY_ACCOUNT + "&platform=instagram"));
        WebElement row = browser.findElement(By.id("post-instagram-" + post.get("external_id")));
        assertEquals("Visible", row.findElement(By.className("state")).getText());
        checked("03-posts");
        row.findElement(By.tagName("button")).click();
        assertTrue(done().contains("is hidden from the site"));
        assertEquals("Hidden", browser.findElement(By.id("post-instagram-" + post.get("external_id")))
                .findElement(By.className("state")).getText());
        given().when().get("/api/v1/posts?platform=instagram&limit=100").then().statusCode(200)
                .body("items.external_id", not(hasItem(post.get("external_id"))));

        browser.get(console("/console/audit"));
        new Select(browser.findElement(By.id("moderator")))
                .selectByVisibleText(browser.findElement(By.id("moderator")).findElements(By.tagName("option"))
                        .stream().map(WebElement::getText).filter(text -> text.startsWith("Robin Moderator ("))
                        .findFirst().orElseThrow());
        browser.findElement(By.xpath("//button[text()='Filter']")).click();
        waiting().until(ExpectedConditions.urlContains("moderator="));
        String trail = browser.findElement(By.id("audit")).getText();
        checked("04-audit-trail");
        assertTrue(trail.contains("question.answer") && trail.contains("question.publish")
                && trail.contains("post.hide"), trail);
        assertTrue(trail.contains("question " + question) && trail.contains("post instagram/" + post.get("external_id")),
                trail);

        browser.get(console("/console/activity"));
        assertTrue(browser.findElement(By.id("activity")).getText().contains("Hides"));
        checked("05-activity");

        browser.findElement(By.id("sign-out")).click();
        visible(By.id("signed-out"));
        checked("06-signed-out");
        browser.get(console("/console/questions"));
        visible(By.id("username"));
        assertTrue(browser.getCurrentUrl().startsWith(Keycloak.url()), "signed out at the provider too");
    }

    /**
     * The done-when run: 50 posts with previews wait, oldest first; the moderator decides 26 with the keys (j/k to
     * move, a/h to approve or hide), undoes one hide with u, selects the other 24 with x and hides them in one bulk
     * decision. The queue is empty and each decision is in the database's audit trail exactly once.
     */
    @Test
    @Order(2)
    void aModeratorClearsAQueueOfFiftyWithKeysOneBulkDecisionAndAnUndoEachAuditedOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> post = Posts.post("instagram", 600 - i, null);
            post.put("caption", "queue " + run + " #" + i);
            batch.add(post);
        }
        batch.get(49).put("media_url", "https://tracker.example.net/pixel-" + run + ".jpg");
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), batch);
        List<String> keys = batch.stream().map(p -> "instagram/" + p.get("external_id")).toList();

        asModerator("/console/posts/queue");
        visible(By.id("queue"));
        checked("11-review-queue");
        assertEquals(keys.subList(0, 25), queueKeys(), "oldest first, a page of 25");
        assertEquals("50", browser.findElement(By.id("waiting")).getText());
        assertEquals(50.0, Metrics.sum("ops_review_queue_size", "queue=\"posts\""), "the gauge counted with the page");
        // Previews: the listed media host's image, blurred; none at all from a host not on the list.
        WebElement image = postRow(keys.get(0)).findElement(By.cssSelector(".preview img"));
        assertTrue(image.getAttribute("src").startsWith("https://cdn.example.com/"), image.getAttribute("src"));
        assertTrue(image.getCssValue("filter").contains("blur"), image.getCssValue("filter"));
        assertEquals(25, browser.findElements(By.cssSelector("#queue .preview img")).size(), "every row previewed");
        try {
            waiting().until(driver -> "on".equals(browser.executeScript("return document.documentElement.dataset.keys")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("console.js did not run: " + browser.manage().logs().get("browser").getAll(), e);
        }

        // Keys: j, j, k to the oldest; then a or h on whatever has the focus, the list coming back at the same place.
        press("j");
        press("j");
        press("k");
        waiting().until(driver -> keys.get(0).equals(focused()));
        Map<String, String> decided = new LinkedHashMap<>();
        String undone = null;
        while (decided.size() < 26) {
            String key = focused();
            boolean approve = decided.size() % 3 != 1;
            pressAndWait(approve ? "a" : "h");
            assertTrue(done().contains((approve ? "1 post approved (Fits the guidelines): "
                    : "1 post hidden (Spam or advertising): ") + key), done());
            decided.put(key, approve ? "post.show Fits the guidelines" : "post.hide Spam or advertising");
            if (undone == null && !approve) {
                Browser.screenshot(browser, "12-queue-after-a-hide");
                undone = key;
                pressAndWait("u");
                assertTrue(done().contains("Undone: post " + key + " waits for review again"), done());
                assertEquals(key, queueKeys().get(0), "back in the queue, oldest first");
                decided.remove(key);
            }
            waiting().until(driver -> focused() != null);
        }
        assertEquals("24", browser.findElement(By.id("waiting")).getText());

        // One bulk decision: x on each of the other 24, one reason, one POST.
        List<String> rest = queueKeys();
        assertEquals(24, rest.size());
        waiting().until(driver -> rest.get(0).equals(focused()));
        for (int i = 0; i < rest.size(); i++) {
            press("x");
            press("j");
        }
        new Select(browser.findElement(By.id("hide-reason"))).selectByVisibleText("Off-topic");
        browser.findElement(By.id("hide-selected")).click();
        assertTrue(done().contains("24 posts hidden (Off-topic)"), done());
        assertTrue(visible(By.id("queue-empty")).isDisplayed(), "the queue is cleared");
        assertEquals("0", browser.findElement(By.id("waiting")).getText());
        assertEquals(0.0, Metrics.sum("ops_review_queue_size", "queue=\"posts\""));
        checked("13-queue-cleared");

        // Every decision audited exactly once, in the database; the undone hide as hide + undo before its decision.
        for (String key : keys) {
            List<String> expected = new ArrayList<>();
            if (key.equals(undone)) {
                expected.addAll(List.of("post.hide Spam or advertising", "post.undo_hide"));
            }
            expected.add(decided.getOrDefault(key, "post.hide Off-topic"));
            assertEquals(expected, auditOf(key), key);
        }

        browser.get(console("/console/audit"));
        String trail = visible(By.id("audit")).getText();
        checked("14-audit-readable");
        assertTrue(trail.contains("on the site: no → yes") && trail.contains("Off-topic")
                && trail.contains("post.undo_hide"), trail);
        assertTrue(!trail.contains("{is_visible"), "no Java maps: " + trail);
    }

    /**
     * A decision made after the sign-in expired is kept through signing in again at the provider, shown in words,
     * and carried out once the moderator confirms it: audited once, never before the confirmation.
     */
    @Test
    @Order(3)
    void aDecisionMadeAfterTheSessionExpiredIsAskedAgainAfterSigningInAndThenDoneOnce() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> post = Posts.post("tiktok", 30, null);
        post.put("caption", "expiry " + run);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        String key = "tiktok/" + post.get("external_id");
        asModerator("/console/posts/queue");
        WebElement row = postRow(key);
        String id = row.getAttribute("data-id");

        expireSession();
        new Select(browser.findElement(By.id("hide-reason"))).selectByVisibleText("Harassment or hate");
        row.findElement(By.cssSelector("button.hide")).click();
        signInAtKeycloak(Keycloak.MODERATOR);
        String asked = visible(By.id("pending-decision")).getText();
        assertEquals("Hide post #" + id + " (Harassment or hate)", asked);
        assertAudited(key);
        checked("15-decision-asked-again");

        browser.findElement(By.id("carry-out")).click();
        assertTrue(done().contains("1 post hidden (Harassment or hate): " + key), done());
        assertTrue(browser.getCurrentUrl().contains("/console/posts/queue"), browser.getCurrentUrl());
        assertAudited(key, "post.hide Harassment or hate");
        browser.navigate().back();
        visible(By.tagName("main"));
        assertTrue(browser.findElements(By.id("pending-decision")).isEmpty(), "offered once");
        assertAudited(key, "post.hide Harassment or hate");
    }

    @Test
    @Order(4)
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
        checked("09-hostile-ids");
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
    @Order(5)
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
        checked("10-bad-form");
        asModerator("/console/posts?platform=youtube&q=" + run);
        assertEquals("Hidden", postRow("youtube/" + post.get("external_id")).findElement(By.className("state")).getText());
    }

    @Test
    @Order(6)
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
        checked("08-forged-request-refused");
        given().when().get("/api/v1/posts?platform=x&limit=100").then().statusCode(200)
                .body("items.external_id", hasItem(post.get("external_id")));
    }

    @Test
    @Order(7)
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
    @Order(8)
    void aReaderIsShownNotAllowedNeverAnError() {
        browser.get(console("/console/questions"));
        signInAtKeycloak(Keycloak.READER);
        WebElement refusal = visible(By.id("not-allowed"));
        assertTrue(refusal.getText().contains("does not have the moderator role"), refusal.getText());
        checked("07-reader-not-allowed");
        assertTrue(browser.findElements(By.cssSelector("main form")).isEmpty(), "nothing to act on");
    }
}

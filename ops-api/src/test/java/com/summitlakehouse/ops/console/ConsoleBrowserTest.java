package com.summitlakehouse.ops.console;

import static com.summitlakehouse.ops.console.ConsoleBrowser.asModerator;
import static com.summitlakehouse.ops.console.ConsoleBrowser.ask;
import static com.summitlakehouse.ops.console.ConsoleBrowser.base;
import static com.summitlakehouse.ops.console.ConsoleBrowser.browser;
import static com.summitlakehouse.ops.console.ConsoleBrowser.checked;
import static com.summitlakehouse.ops.console.ConsoleBrowser.console;
import static com.summitlakehouse.ops.console.ConsoleBrowser.done;
import static com.summitlakehouse.ops.console.ConsoleBrowser.postRow;
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
 * question, hide a post, see both in the audit trail, sign out), a queue of 50 cleared with keys, a decision made
 * after the session expired, hostile ids, a reader refused, a forged request refused. One browser and sign-in for
 * all; a screenshot of each page lands in target/console-screenshots, and each page passes axe-core's check.
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
        done("Answer saved for question " + question);
        assertEquals(pending - 1, Metrics.sum("ops_review_queue_size", "queue=\"questions\""),
                "the questions' gauge follows a decision on the questions page");

        browser.get(console("/console/questions?status=answered"));
        browser.findElement(By.id("question-" + question)).findElement(By.xpath(".//button[text()='Publish']")).click();
        done("Question " + question + " published");
        checked("02-question-published");
        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", hasItem((int) question));

        browser.get(console("/console/posts?handle=" + Posts.JOURNEY_ACCOUNT + "&platform=instagram"));
        WebElement row = browser.findElement(By.id("post-instagram-" + post.get("external_id")));
        assertEquals("Visible", row.findElement(By.className("state")).getText());
        checked("03-posts");
        row.findElement(By.tagName("button")).click();
        done("is hidden from the site");
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
        ConsoleQueueRuns.clearAQueueOfFifty();
    }

    /**
     * A decision made after the sign-in expired is kept through signing in again at the provider, shown in words,
     * and carried out once the moderator confirms it: audited once, never before the confirmation.
     */
    @Test
    @Order(3)
    void aDecisionMadeAfterTheSessionExpiredIsAskedAgainAfterSigningInAndThenDoneOnce() {
        ConsoleQueueRuns.decideAfterTheSessionExpired();
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
            done("Post tiktok/" + id + " is visible on the site");
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

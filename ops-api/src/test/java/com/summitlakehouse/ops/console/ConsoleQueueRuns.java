package com.summitlakehouse.ops.console;

import static com.summitlakehouse.ops.console.ConsoleBrowser.asModerator;
import static com.summitlakehouse.ops.console.ConsoleBrowser.assertAudited;
import static com.summitlakehouse.ops.console.ConsoleBrowser.auditOf;
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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Browser;
import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.Posts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The longer runs of {@link ConsoleBrowserTest} through the review queue, in the same browser and sign-in. */
final class ConsoleQueueRuns {

    private ConsoleQueueRuns() {
    }

    /** See {@link ConsoleBrowserTest#aModeratorClearsAQueueOfFiftyWithKeysOneBulkDecisionAndAnUndoEachAuditedOnce}. */
    static void clearAQueueOfFifty() {
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
            waiting().until(driver -> "on".equals(browser.executeScript(
                    "return document.documentElement.dataset.keys")));
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
            done((approve ? "1 post approved (Fits the guidelines): " : "1 post hidden (Spam or advertising): ") + key);
            decided.put(key, approve ? "post.show Fits the guidelines" : "post.hide Spam or advertising");
            if (undone == null && !approve) {
                Browser.screenshot(browser, "12-queue-after-a-hide");
                undone = key;
                pressAndWait("u");
                done("Undone: post " + key + " waits for review again");
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
        done("24 posts hidden (Off-topic)");
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

    /** See {@link ConsoleBrowserTest#aDecisionMadeAfterTheSessionExpiredIsAskedAgainAfterSigningInAndThenDoneOnce}. */
    static void decideAfterTheSessionExpired() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> post = Posts.post("tiktok", 30, null);
        post.put("caption", "expiry " + run);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        String key = "tiktok/" + post.get("external_id");
        asModerator("/console/posts/queue");
        WebElement row = postRow(key);

        expireSession();
        new Select(browser.findElement(By.id("hide-reason"))).selectByVisibleText("Harassment or hate");
        row.findElement(By.cssSelector("button.hide")).click();
        signInAtKeycloak(Keycloak.MODERATOR);
        String asked = visible(By.id("pending-decision")).getText();
        assertEquals("Hide post " + key + " (Harassment or hate)", asked, "in words, named as the queue names it");
        assertAudited(key);
        checked("15-decision-asked-again");

        browser.findElement(By.id("carry-out")).click();
        done("1 post hidden (Harassment or hate): " + key);
        assertTrue(browser.getCurrentUrl().contains("/console/posts/queue"), browser.getCurrentUrl());
        assertAudited(key, "post.hide Harassment or hate");
        browser.navigate().back();
        visible(By.tagName("main"));
        assertTrue(browser.findElements(By.id("pending-decision")).isEmpty(), "offered once");
        assertAudited(key, "post.hide Harassment or hate");
    }
}

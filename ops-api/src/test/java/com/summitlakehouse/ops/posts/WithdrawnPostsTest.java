package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Backends;
import com.summitlakehouse.ops.support.Backends.Backend;
import com.summitlakehouse.ops.support.Listening;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hidden or deleted post leaves the cached top-posts rankings within a second, whoever withdrew it (this
 * replica's moderation API, or an administrator's session: the database announces it), also after the listening
 * connection was cut during use. Each test ranks within a window of its own (as_of), apart from the other suites'
 * posts.
 */
@QuarkusTest
class WithdrawnPostsTest {

    @Test
    void aPostHiddenByAModeratorLeavesTheCachedRankingWithinASecond() throws Exception {
        Listening.await();
        Map<String, Object> post = rankedFirst("2025-02-05T12:00:00Z");
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": false}")
                .when().patch("/api/v1/admin/posts/" + post.get("platform") + "/" + post.get("external_id"))
                .then().statusCode(200);
        assertGoneWithinASecond("2025-02-05T12:00:00Z", post);
    }

    @Test
    void aPostHiddenOrDeletedInAnotherSessionLeavesTheCachedRankingWithinASecond() throws Exception {
        Listening.await();
        double notified = Metrics.sum("ops_public_changes_notifications_total", "view=\"mirror.social_posts\"");
        Map<String, Object> hidden = rankedFirst("2025-02-06T12:00:00Z");
        administrator("UPDATE social_posts SET is_visible = false WHERE platform = ? AND external_id = ?", hidden);
        assertGoneWithinASecond("2025-02-06T12:00:00Z", hidden);

        Map<String, Object> deleted = rankedFirst("2025-02-07T12:00:00Z");
        administrator("DELETE FROM social_posts WHERE platform = ? AND external_id = ?", deleted);
        assertGoneWithinASecond("2025-02-07T12:00:00Z", deleted);
        assertTrue(Metrics.sum("ops_public_changes_notifications_total", "view=\"mirror.social_posts\"")
                >= notified + 2, "the notifications were counted");
    }

    @Test
    void theListenerCutRightAfterActivityListensAgainAtOnceAndStillForgets() throws Exception {
        Listening.await();
        List<Backend> listener = Backends.now().stream().filter(Backend::listens).toList();
        assertFalse(listener.isEmpty(), "a backend LISTENs");
        Backends.terminate(listener);

        List<Backend> again = List.of();
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (again.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            again = Backends.now().stream().filter(Backend::listens).toList();
        }
        assertFalse(again.isEmpty(), "listening again within 2 s, without a request");
        Listening.await();

        Map<String, Object> post = rankedFirst("2025-02-08T12:00:00Z");
        administrator("UPDATE social_posts SET is_visible = false WHERE platform = ? AND external_id = ?", post);
        assertGoneWithinASecond("2025-02-08T12:00:00Z", post);
    }

    /** A visible post ranked first in the day before {@code asOf}, that ranking now cached. */
    private static Map<String, Object> rankedFirst(String asOf) {
        Map<String, Object> post = Posts.post("tiktok", 0, true);
        post.put("posted_at", asOf.replace("12:00:00Z", "10:00:00Z"));
        post.put("like_count", 500);
        Posts.upsert(post);
        for (int i = 0; i < 2; i++) {
            given().queryParam("as_of", asOf).queryParam("days", 1).when().get("/api/v1/posts/top")
                    .then().statusCode(200).body("items.external_id", equalTo(List.of(post.get("external_id"))));
        }
        return post;
    }

    private static void administrator(String sql, Map<String, Object> post) throws Exception {
        try (Connection admin = TestDatabase.connect(); PreparedStatement statement = admin.prepareStatement(sql)) {
            statement.setString(1, (String) post.get("platform"));
            statement.setString(2, (String) post.get("external_id"));
            assertTrue(statement.executeUpdate() == 1, sql);
        }
    }

    private static void assertGoneWithinASecond(String asOf, Map<String, Object> post) throws Exception {
        long started = System.nanoTime();
        while (true) {
            List<String> ranked = given().queryParam("as_of", asOf).queryParam("days", 1)
                    .when().get("/api/v1/posts/top").then().statusCode(200).extract().path("items.external_id");
            if (!ranked.contains(post.get("external_id"))) {
                return;
            }
            assertTrue(System.nanoTime() - started < 1_000_000_000L,
                    "the withdrawn post is still served a second later: " + ranked);
            Thread.sleep(20);
        }
    }
}

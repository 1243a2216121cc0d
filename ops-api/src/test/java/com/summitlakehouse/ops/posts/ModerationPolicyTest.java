package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing reaches the public feed without a moderator or the reviewed allowlist (ops.posts.allowlist). */
@QuarkusTest
class ModerationPolicyTest {

    static void approve(Map<String, Object> post) {
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/" + post.get("platform") + "/" + post.get("external_id"))
                .then().statusCode(200);
    }

    static Map<String, Object> counts(Map<String, Object> upserted) {
        return Map.of("auto_approved", upserted.get("auto_approved"),
                "sent_back_to_review", upserted.get("sent_back_to_review"));
    }

    /** is_visible, moderated_at, and the audit actions recorded for the post, oldest first. */
    static List<String> state(Map<String, Object> post) throws Exception {
        List<String> state = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement("""
                SELECT p.is_visible::text, (p.moderated_at IS NOT NULL)::text
                  FROM social_posts p WHERE platform = ? AND external_id = ?""")) {
            s.setString(1, (String) post.get("platform"));
            s.setString(2, (String) post.get("external_id"));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                state.add("visible=" + rs.getString(1));
                state.add("moderated=" + rs.getString(2));
            }
        }
        for (String[] row : audit(post)) {
            state.add(row[0] + (row[1] == null ? "" : " (" + row[1] + ")"));
        }
        return state;
    }

    static List<String[]> audit(Map<String, Object> post) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT action, rule FROM moderation_audit WHERE target_id = ? ORDER BY id")) {
            s.setString(1, post.get("platform") + "/" + post.get("external_id"));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return rows;
    }

    @Test
    void anIngestedPostAskingToBeVisibleFromAHandleOffTheAllowlistStaysHidden() throws Exception {
        Map<String, Object> post = Posts.post("instagram", 2, null);
        post.put("is_visible", true);
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 0), counts(Posts.upsert(post)));
        assertEquals(List.of("visible=false", "moderated=false"), state(post));
        given().when().get("/api/v1/posts?platform=instagram&limit=100").then().statusCode(200)
                .body("items.external_id", not(hasItem(post.get("external_id"))));
    }

    @Test
    void anAllowlistedHandlesPostIsVisibleWithAnAuditRowNamingTheRule() throws Exception {
        Map<String, Object> post = Posts.post("tiktok", 2, null);
        post.put("author_handle", "@JourneyTeam");
        assertEquals(Map.of("auto_approved", 1, "sent_back_to_review", 0), counts(Posts.upsert(post)));
        assertEquals(List.of("visible=true", "moderated=false", "post.auto_approve (allowlist:tiktok/@journeyteam)"),
                state(post));
        given().when().get("/api/v1/posts?platform=tiktok&limit=100").then().statusCode(200)
                .body("items.external_id", hasItem(post.get("external_id")));

        post.put("caption", "The allowlisted account edits its own caption");
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 0), counts(Posts.upsert(post)));
        assertTrue(state(post).contains("visible=true"), "the allowlisted account's edit stays visible");
    }

    @Test
    void aCaptionOrMediaChangeOfAnApprovedPostSendsItBackToReviewAndIsCounted() throws Exception {
        Map<String, Object> captioned = Posts.post("x", 2, null);
        Map<String, Object> media = Posts.post("x", 3, null);
        Map<String, Object> untouched = Posts.post("x", 4, null);
        Posts.upsert(captioned, media, untouched);
        approve(captioned);
        approve(media);
        approve(untouched);

        captioned.put("caption", "Something else entirely");
        media.put("media_url", "https://cdn.example.com/other.jpg");
        Map<String, Object> answer = Posts.upsert(captioned, media, untouched);
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 2), counts(answer));
        assertEquals(2, answer.get("updated"));
        assertEquals(List.of("visible=false", "moderated=false", "post.show",
                "post.back_to_review (public content changed)"), state(captioned));
        assertFalse(state(media).contains("visible=true"));
        assertTrue(state(untouched).contains("visible=true"));
        given().when().get("/api/v1/posts?platform=x&limit=100").then().statusCode(200)
                .body("items.external_id", not(hasItem(captioned.get("external_id"))))
                .body("items.external_id", not(hasItem(media.get("external_id"))))
                .body("items.external_id", hasItem(untouched.get("external_id")));

        // Sent again unchanged: it stays where review put it, and is not counted twice.
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 0), counts(Posts.upsert(captioned)));
    }

    @Test
    void aLikeCountChangeNeverChangesVisibility() throws Exception {
        Map<String, Object> post = Posts.post("youtube", 2, null);
        Posts.upsert(post);
        approve(post);
        post.put("like_count", 4200);
        post.put("comment_count", 17);
        post.put("share_count", 3);
        Map<String, Object> answer = Posts.upsert(post);
        assertEquals(1, answer.get("updated"));
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 0), counts(answer));
        assertEquals(List.of("visible=true", "moderated=true", "post.show"), state(post));
    }

    @Test
    void aPostSentBackToReviewIsNotShownAgainByTheIngestion() throws Exception {
        Map<String, Object> post = Posts.post("threads", 2, null);
        Posts.upsert(post);
        approve(post);
        post.put("hashtags", List.of("changed"));
        assertEquals(Map.of("auto_approved", 0, "sent_back_to_review", 1), counts(Posts.upsert(post)));
        post.put("hashtags", List.of());
        post.put("is_visible", true);
        Posts.upsert(post);
        assertEquals("visible=false", state(post).get(0));
    }
}

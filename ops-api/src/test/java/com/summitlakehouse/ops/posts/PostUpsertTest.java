package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
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
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostUpsertTest {

    @Test
    void upsertCountsInsertedUpdatedAndUnchanged() {
        Map<String, Object> a = Posts.post("instagram", 10, null);
        Map<String, Object> b = Posts.post("tiktok", 20, null);
        assertEquals(Map.of("inserted", 2, "updated", 0, "unchanged", 0, "auto_approved", 0, "sent_back_to_review", 0), Posts.upsert(a, b));

        b.put("like_count", 99);
        Map<String, Object> c = Posts.post("x", 30, null);
        assertEquals(Map.of("inserted", 1, "updated", 1, "unchanged", 1, "auto_approved", 0, "sent_back_to_review", 0), Posts.upsert(a, b, c));
    }

    @Test
    void unchangedRowsKeepTheirUpdatedAt() throws Exception {
        Map<String, Object> post = Posts.post("instagram", 5, null, "roadtrip");
        Posts.upsert(post);
        Timestamp before = updatedAt(post);
        Thread.sleep(20);
        assertEquals(Map.of("inserted", 0, "updated", 0, "unchanged", 1, "auto_approved", 0, "sent_back_to_review", 0), Posts.upsert(post));
        assertEquals(before, updatedAt(post));

        post.put("caption", "A new caption");
        Posts.upsert(post);
        assertTrue(updatedAt(post).after(before), "a real change moves updated_at");
    }

    @Test
    void newPostsAreHiddenUnlessTheAllowlistApprovesThem() throws Exception {
        Map<String, Object> unspecified = Posts.post("facebook", 5, null);
        Map<String, Object> visible = Posts.post("facebook", 6, true);
        Posts.upsert(unspecified, visible);
        assertFalse(isVisible(unspecified));
        assertTrue(isVisible(visible));
    }

    @Test
    void upsertNeverUnhidesAModeratedPost() throws Exception {
        Map<String, Object> post = Posts.post("youtube", 5, true);
        Posts.upsert(post);
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": false}")
                .when().patch("/api/v1/admin/posts/youtube/" + post.get("external_id"))
                .then().statusCode(200).body("is_visible", equalTo(false));

        post.put("is_visible", true);
        post.put("like_count", 500);
        assertEquals(Map.of("inserted", 0, "updated", 1, "unchanged", 0, "auto_approved", 0, "sent_back_to_review", 0), Posts.upsert(post));
        assertFalse(isVisible(post), "ingestion must not change the visibility of an existing post");
        given().when().get("/api/v1/posts?platform=youtube&limit=100")
                .then().statusCode(200).body("items.external_id", org.hamcrest.Matchers.not(hasItem(post.get("external_id"))));
    }

    @Test
    void ingestionNeverHidesAVisiblePostEither() throws Exception {
        Map<String, Object> post = Posts.post("threads", 5, true);
        Posts.upsert(post);
        post.put("is_visible", false);
        post.put("caption", "edited");
        Posts.upsert(post);
        assertTrue(isVisible(post));
    }

    @Test
    void aBatchWithOneBadItemWritesNothingAndNamesTheItem() throws Exception {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Posts.post("instagram", i, true));
        }
        batch.get(3).put("permalink", "javascript:alert(1)");
        batch.get(4).put("like_count", -1);
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body(batch)
                .when().put("/api/v1/admin/posts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("[3].permalink"))
                .body("errors.field", hasItem("[4].like_count"));
        assertEquals(0, count("SELECT count(*) FROM social_posts WHERE external_id = '" + batch.get(0).get("external_id") + "'"));
    }

    @Test
    void duplicateKeysInOneBatchAreRejected() {
        Map<String, Object> post = Posts.post("x", 1, null);
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body(List.of(post, post))
                .when().put("/api/v1/admin/posts")
                .then().statusCode(400).body("errors[0].field", equalTo("[1].external_id"));
    }

    @Test
    void batchSizeIsOneToAThousand() {
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body("[]")
                .when().put("/api/v1/admin/posts").then().statusCode(400).body("errors[0].field", equalTo("body"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(Posts.post("x", i, null));
        }
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body(tooMany)
                .when().put("/api/v1/admin/posts").then().statusCode(400).body("detail", containsString("1 to 1000"));
    }

    @Test
    void aThousandPostsInOneBatch() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            batch.add(Posts.post("tiktok", i, false, "bulk"));
        }
        assertEquals(Map.of("inserted", 1000, "updated", 0, "unchanged", 0, "auto_approved", 0, "sent_back_to_review", 0), Posts.upsert(batch));
    }

    @Test
    void badInputNamesEachField() {
        String body = """
                [{"platform": "myspace", "external_id": "1", "author_handle": "a", "posted_at": "2026-07-01T10:00:00Z"}]""";
        badBatch(body, "[0].platform", "must be one of");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"posted_at\": \"yesterday\"}]",
                "[0].posted_at", "RFC 3339");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"posted_at\": \"2026-07-01T10:00:00Z\", \"like_count\": \"12\"}]",
                "[0].like_count", "integer");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"posted_at\": \"2026-07-01T10:00:00Z\", \"like_count\": 1.5}]",
                "[0].like_count", "integer");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"posted_at\": \"2026-07-01T10:00:00Z\", \"colour\": 1}]",
                "[0].colour", "unknown field");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\\u0000b\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].author_handle", "NUL");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"caption\": \"bell\\u0007\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].caption", "control character");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"caption\": \"\\ud800\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].caption", "surrogate");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"media_url\": \"not a url\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].media_url", "URL");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"hashtags\": [\"two words\"], \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].hashtags[0]", "hashtag");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]",
                "[0].external_id", "blank");
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\"",
                "body", "malformed JSON");
        badBatch("{\"platform\": \"x\"}", "body", "array");
    }

    @Test
    void oversizedFieldsAreNamed() {
        String caption = "c".repeat(5001);
        badBatch("[{\"platform\": \"x\", \"external_id\": \"1\", \"author_handle\": \"a\", \"caption\": \"" + caption
                + "\", \"posted_at\": \"2026-07-01T10:00:00Z\"}]", "[0].caption", "at most 5000");
    }

    @Test
    void oversizedBodiesAreRefusedAsProblemsBeforeTheyAreRead() throws Exception {
        // Raw HTTP: the server answers on the declared length alone, without waiting for 5 MB that never come.
        int port = io.restassured.RestAssured.port;
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("PUT /api/v1/admin/posts HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n[")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] buffer = new byte[2048];
            int read = socket.getInputStream().read(buffer);
            String answer = new String(buffer, 0, Math.max(read, 0), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("application/problem+json"), answer);
            assertTrue(answer.contains("\"field\":\"body\""), answer);
        }
    }

    @Test
    void moderationAnswers404ForUnknownPostsAnd400ForBadBodies() {
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/x/does-not-exist")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": \"yes\"}")
                .when().patch("/api/v1/admin/posts/x/1")
                .then().statusCode(400).body("errors[0].field", equalTo("is_visible"));
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{}")
                .when().patch("/api/v1/admin/posts/x/1")
                .then().statusCode(400).body("errors[0].field", equalTo("is_visible"));
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/myspace/1")
                .then().statusCode(400).body("errors[0].field", equalTo("platform"));
    }

    private static void badBatch(String body, String field, String message) {
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON).body(body)
                .when().put("/api/v1/admin/posts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
    }

    static Timestamp updatedAt(Map<String, Object> post) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT updated_at FROM social_posts WHERE platform = ? AND external_id = ?")) {
            s.setString(1, (String) post.get("platform"));
            s.setString(2, (String) post.get("external_id"));
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getTimestamp(1);
        }
    }

    static boolean isVisible(Map<String, Object> post) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT is_visible FROM social_posts WHERE platform = ? AND external_id = ?")) {
            s.setString(1, (String) post.get("platform"));
            s.setString(2, (String) post.get("external_id"));
            ResultSet rs = s.executeQuery();
            rs.next();
            return rs.getBoolean(1);
        }
    }

    static long count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

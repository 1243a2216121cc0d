package com.summitlakehouse.ops.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds ingestion payloads and sends them through the real admin endpoint. */
public final class Posts {

    private Posts() {
    }

    /** The journey's own account, allowlisted on every platform in the test profile. */
    public static final String JOURNEY_ACCOUNT = "@journeyteam";

    /**
     * A unique post on {@code platform}, posted {@code minutesAgo} minutes ago. One meant to be visible comes from
     * the allowlisted {@link #JOURNEY_ACCOUNT} (only the allowlist or a moderator makes a post visible); others from
     * an ordinary visitor.
     */
    public static Map<String, Object> post(String platform, int minutesAgo, Boolean visible, String... hashtags) {
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("platform", platform);
        post.put("external_id", UUID.randomUUID().toString());
        post.put("author_handle", Boolean.TRUE.equals(visible) ? JOURNEY_ACCOUNT : "@roadtripper");
        post.put("caption", "Sunrise over the highway\nDay " + minutesAgo);
        post.put("permalink", "https://example.com/p/" + UUID.randomUUID());
        post.put("media_url", "https://cdn.example.com/m/" + UUID.randomUUID() + ".jpg");
        post.put("hashtags", List.of(hashtags));
        post.put("posted_at", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutesAgo).toString());
        post.put("like_count", 1);
        post.put("comment_count", 0);
        post.put("share_count", 0);
        if (visible != null) {
            post.put("is_visible", visible);
        }
        return post;
    }

    public static Map<String, Object> upsert(List<Map<String, Object>> batch) {
        return upsertAs(Tokens.bearer("ingest"), batch);
    }

    /** Sends the batch with the given Authorization header value. */
    public static Map<String, Object> upsertAs(String authorization, List<Map<String, Object>> batch) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(batch)
                .when().put("/api/v1/admin/posts")
                .then().statusCode(200).extract().jsonPath().getMap("");
    }

    @SafeVarargs
    public static Map<String, Object> upsert(Map<String, Object>... posts) {
        return upsert(new ArrayList<>(List.of(posts)));
    }
}

package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Listening;
import com.summitlakehouse.ops.support.Metrics;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostFeedTest {

    @Test
    void feedShowsOnlyVisiblePostsNewestFirstAcrossPages() {
        String tag = "feed" + System.nanoTime();
        List<Map<String, Object>> batch = new ArrayList<>();
        Set<String> visible = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            boolean show = i % 3 != 0;
            Map<String, Object> post = Posts.post("instagram", 1000 + i, show, tag);
            batch.add(post);
            if (show) {
                visible.add((String) post.get("external_id"));
            }
        }
        Posts.upsert(batch);

        Set<String> seen = new HashSet<>();
        String previousPostedAt = null;
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = given().queryParam("hashtag", tag).queryParam("limit", 4)
                    .queryParam("before", cursor == null ? "" : cursor)
                    .when().get("/api/v1/posts").then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                assertTrue(seen.add((String) item.get("external_id")), "no post twice");
                String postedAt = (String) item.get("posted_at");
                if (previousPostedAt != null) {
                    assertTrue(postedAt.compareTo(previousPostedAt) <= 0, "newest first");
                }
                previousPostedAt = postedAt;
                assertFalse(item.containsKey("is_visible"));
                assertFalse(item.containsKey("id"));
            }
            cursor = page.getString("next");
            pages++;
        } while (cursor != null);
        assertEquals(visible, seen);
        assertEquals(4, pages, "16 visible posts in pages of 4");
    }

    @Test
    void postsWithTheSamePostedAtAcrossAPageBoundaryAreEachListedOnce() {
        // Five posts posted in the same microsecond: only the id orders them, and a page boundary falls among them.
        String tag = "tie" + System.nanoTime();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(at(Posts.post("threads", 0, true, tag), "2026-07-10T12:00:00.123456Z", 0, 0, 0));
        }
        Posts.upsert(batch);
        List<String> seen = new ArrayList<>();
        String cursor = "";
        do {
            JsonPath page = given().queryParam("hashtag", tag).queryParam("limit", 2).queryParam("before", cursor)
                    .when().get("/api/v1/posts").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.external_id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(5, seen.size(), "each of the five once, none skipped or repeated: " + seen);
        assertEquals(5, new HashSet<>(seen).size(), "none repeated: " + seen);
    }

    @Test
    void filtersByPlatformAndHashtag() {
        String tag = "Filter" + System.nanoTime();
        Posts.upsert(Posts.post("tiktok", 1, true, "#" + tag), Posts.post("x", 2, true, tag),
                Posts.post("x", 3, true, "other"));
        given().queryParam("hashtag", tag.toLowerCase()).queryParam("platform", "x")
                .when().get("/api/v1/posts")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].platform", equalTo("x"))
                .body("items[0].hashtags", hasItem(tag.toLowerCase()));
        given().queryParam("hashtag", "#" + tag.toUpperCase())
                .when().get("/api/v1/posts")
                .then().statusCode(200).body("items.size()", equalTo(2));
    }

    @Test
    void publicReadsAreCacheableAndRevalidate() {
        Posts.upsert(Posts.post("instagram", 1, true), Posts.post("x", 2, true), Posts.post("tiktok", 3, true));
        var first = given().when().get("/api/v1/posts?limit=3").then().statusCode(200)
                .header("Cache-Control", "public, max-age=30")
                .header("ETag", notNullValue()).extract();
        // What a CDN purges by: the group, and each post on the page.
        assertTrue(first.header("Surrogate-Key").matches("posts( post-\\d+){3}"), first.header("Surrogate-Key"));
        given().header("If-None-Match", first.header("ETag"))
                .when().get("/api/v1/posts?limit=3").then().statusCode(304)
                .header("ETag", equalTo(first.header("ETag")))
                .header("Surrogate-Key", equalTo(first.header("Surrogate-Key")));
        String top = given().when().get("/api/v1/posts/top?limit=2").then().statusCode(200)
                .header("Cache-Control", "public, max-age=30").extract().header("Surrogate-Key");
        assertTrue(top.matches("posts( post-\\d+){1,2}"), top);
        given().header("If-None-Match", "\"something-else\"")
                .when().get("/api/v1/posts?limit=3").then().statusCode(200);
    }

    @Test
    void badQueryParametersAnswer400NamingTheParameter() {
        badQuery("/api/v1/posts?limit=0", "limit");
        badQuery("/api/v1/posts?limit=101", "limit");
        badQuery("/api/v1/posts?limit=ten", "limit");
        badQuery("/api/v1/posts?before=not-a-cursor", "before");
        badQuery("/api/v1/posts?before=%00", "before");
        badQuery("/api/v1/posts?platform=myspace", "platform");
        badQuery("/api/v1/posts?hashtag=two%20words", "hashtag");
        badQuery("/api/v1/posts/top?days=0", "days");
        badQuery("/api/v1/posts/top?days=366", "days");
        badQuery("/api/v1/posts/top?limit=1000", "limit");
        badQuery("/api/v1/posts/top?as_of=yesterday", "as_of");
    }

    @Test
    void aUrlWithBrokenPercentEncodingIsAProblemToo() throws Exception {
        for (String path : List.of("/api/v1/posts?before=%%%", "/api/v1/posts?limit=%zz", "/api/v1/questions?before=%")) {
            // Raw HTTP: every client library refuses to send such a URL.
            String answer = RawHttp.get(path);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("content-type: application/problem+json"), answer);
            assertTrue(answer.contains("\"detail\":\"The URL is malformed: invalid percent-encoding\""), answer);
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().when().get("/api/v1/nothing-here").then().statusCode(404)
                .contentType("application/problem+json");
        given().when().delete("/api/v1/posts").then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void topPostsRankByEngagementWithinTheWindowAndNeverShowHiddenOnes() {
        String asOf = "2026-07-10T12:00:00Z";
        Map<String, Object> best = at(Posts.post("instagram", 0, true), "2026-07-09T10:00:00Z", 100, 5, 5);
        Map<String, Object> second = at(Posts.post("tiktok", 0, true), "2026-07-08T10:00:00Z", 50, 0, 0);
        Map<String, Object> tieNewer = at(Posts.post("x", 0, true), "2026-07-07T10:00:00Z", 20, 0, 0);
        Map<String, Object> tieOlder = at(Posts.post("x", 0, true), "2026-07-06T10:00:00Z", 10, 10, 0);
        Map<String, Object> hidden = at(Posts.post("x", 0, false), "2026-07-09T11:00:00Z", 1000, 0, 0);
        Map<String, Object> tooOld = at(Posts.post("x", 0, true), "2026-07-02T10:00:00Z", 1000, 0, 0);
        Map<String, Object> future = at(Posts.post("x", 0, true), "2026-07-10T13:00:00Z", 1000, 0, 0);
        Posts.upsert(best, second, tieNewer, tieOlder, hidden, tooOld, future);

        given().queryParam("as_of", asOf).queryParam("days", 7).queryParam("limit", 10)
                .when().get("/api/v1/posts/top")
                .then().statusCode(200)
                .header("Cache-Control", containsString("max-age"))
                .body("items.external_id", equalTo(List.of(best.get("external_id"), second.get("external_id"),
                        tieNewer.get("external_id"), tieOlder.get("external_id"))));
    }

    @Test
    void topPostsAreServedFromAShortLivedCache() throws Exception {
        // Rankings are cached only while this instance listens for withdrawals (WithdrawnPostsTest).
        Listening.await();
        String asOf = "2026-08-10T12:00:00Z";
        Map<String, Object> first = at(Posts.post("instagram", 0, true), "2026-08-09T10:00:00Z", 10, 0, 0);
        Posts.upsert(first);
        given().queryParam("as_of", asOf).when().get("/api/v1/posts/top")
                .then().statusCode(200).body("items.external_id", equalTo(List.of(first.get("external_id"))));

        Map<String, Object> later = at(Posts.post("instagram", 0, true), "2026-08-09T11:00:00Z", 99, 0, 0);
        Posts.upsert(later);
        // Within the staleness bound the shared ranking is served; another key is computed afresh.
        given().queryParam("as_of", asOf).when().get("/api/v1/posts/top")
                .then().statusCode(200).body("items.external_id", equalTo(List.of(first.get("external_id"))));
        given().queryParam("as_of", asOf).queryParam("limit", 5).when().get("/api/v1/posts/top")
                .then().statusCode(200).body("items.external_id",
                        equalTo(List.of(later.get("external_id"), first.get("external_id"))));
    }

    @Test
    void manyDistinctAsOfValuesWithinAMinuteCostOneQuery() throws Exception {
        Listening.await();
        // A ranking computed is one put into the cache (each lookup counts twice in cache_gets_total).
        double queries = Metrics.sum("cache_puts_total", "cache=\"top-posts\"");
        for (int i = 0; i < 50; i++) {
            // A microsecond apart: before, each was a key of its own and a query of its own.
            given().queryParam("as_of", String.format("2026-09-10T12:00:07.%06dZ", i)).queryParam("days", 3)
                    .when().get("/api/v1/posts/top").then().statusCode(200);
        }
        assertEquals(queries + 1, Metrics.sum("cache_puts_total", "cache=\"top-posts\""),
                "one ranking for the minute");
    }

    @Test
    void hiddenPostsNeverAppearWhateverTheQuery() {
        Map<String, Object> hidden = Posts.post("threads", 1, false, "secret");
        Posts.upsert(hidden);
        for (String query : List.of("", "?platform=threads", "?hashtag=secret", "?limit=100")) {
            given().when().get("/api/v1/posts" + query).then().statusCode(200)
                    .body("items.external_id", not(hasItem(hidden.get("external_id"))));
        }
        given().when().get("/api/v1/posts/top?days=365&limit=100").then().statusCode(200)
                .body("items.external_id", not(hasItem(hidden.get("external_id"))));
        given().when().get("/api/v1/posts?hashtag=secret").then().statusCode(200)
                .body("next", nullValue()).body("items.hashtags", everyItem(hasItem("secret")));
    }

    private static Map<String, Object> at(Map<String, Object> post, String postedAt, int likes, int comments,
            int shares) {
        post.put("posted_at", postedAt);
        post.put("like_count", likes);
        post.put("comment_count", comments);
        post.put("share_count", shares);
        return post;
    }

    static void badQuery(String path, String field) {
        given().urlEncodingEnabled(false).when().get(path).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }
}

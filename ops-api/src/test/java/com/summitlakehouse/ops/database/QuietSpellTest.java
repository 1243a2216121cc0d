package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Backends;
import com.summitlakehouse.ops.support.Backends.Backend;
import com.summitlakehouse.ops.support.Listening;
import com.summitlakehouse.ops.support.Management;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A night without visitors on a scale-to-zero database: Kubernetes probes readiness and liveness every few seconds
 * (every second here), and nothing else happens. ops-api must let the database sleep: no statement, no new connection,
 * no open transaction; when the database closes its idle connections (it suspends), nothing reconnects, not the pool
 * and not the listener, and readiness stays UP; the first request afterwards is answered, and cached top posts from
 * before the night are not served, since a withdrawal in the dark went unheard.
 *
 * <p>Quiet-after is shortened to 4 s, the housekeeping of submissions runs every 2 s, and the top-posts cache would
 * keep its rankings for 10 minutes: whatever is sent during the quiet spell is seen.
 */
@QuarkusTest
@TestProfile(QuietSpellTest.ShortNight.class)
class QuietSpellTest {

    static final long QUIET_AFTER_MS = 4000;

    public static class ShortNight implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.idle-timeout", "60S",
                    "ops.database.quiet-after", QUIET_AFTER_MS + "MS",
                    "ops.questions.rate-limit.forget-refilled-every", "2S",
                    "ops.questions.delete-expired-keys-every", "2S",
                    "ops.posts.top-max-staleness", "10M");
        }
    }

    @Test
    void probesThroughAQuietSpellNeitherSendNorOpenAndTheFirstRequestIsAnswered() throws Exception {
        // The evening: a post ranks first, a question is asked (housekeeping has rows to look at), the ranking is cached.
        Map<String, Object> post = Posts.post("instagram", 5, true);
        post.put("like_count", 1_000_000);
        Posts.upsert(post);
        given().header("X-Forwarded-For", "198.51.100.77").contentType(ContentType.JSON)
                .body("{\"question_text\": \"Is the pass open at night?\"}")
                .when().post("/api/v1/questions").then().statusCode(201);
        Listening.await();
        given().when().get("/api/v1/posts/top?limit=1").then().statusCode(200)
                .body("items.external_id", equalTo(List.of(post.get("external_id"))));

        // Night falls: past quiet-after, only probes.
        probeFor(QUIET_AFTER_MS + 1000);
        List<Backend> dusk = Backends.now();
        assertTrue(dusk.size() >= 2, "the pool's connection and the listener's are open: " + dusk);
        probeFor(20_000);
        List<Backend> midnight = Backends.now();
        assertEquals(Backends.pids(dusk), Backends.pids(midnight), "no connection opened or closed");
        for (Backend backend : midnight) {
            Backend before = dusk.stream().filter(b -> b.pid() == backend.pid()).findFirst().orElseThrow();
            assertEquals(before.backendStart(), backend.backendStart(), "the same connection " + backend);
            assertEquals(before.queryStart(), backend.queryStart(), "no statement reached the database: " + backend);
            assertEquals("idle", backend.state(), "idle: " + backend);
            assertEquals(null, backend.xactStart(), "no transaction held open: " + backend);
        }

        // The database suspends and closes its idle connections; a post is withdrawn by an administrator meanwhile.
        Backends.terminate(midnight);
        try (Connection admin = TestDatabase.connect(); PreparedStatement hide = admin.prepareStatement(
                "UPDATE social_posts SET is_visible = false WHERE platform = ? AND external_id = ?")) {
            hide.setString(1, (String) post.get("platform"));
            hide.setString(2, (String) post.get("external_id"));
            assertEquals(1, hide.executeUpdate());
        }
        List<List<Backend>> seen = new ArrayList<>();
        long until = System.nanoTime() + 12_000_000_000L;
        while (System.nanoTime() < until) {
            probeOnce();
            seen.add(Backends.now());
            Thread.sleep(1000);
        }
        assertTrue(seen.stream().allMatch(List::isEmpty), "nothing reconnected without a request: " + seen);

        // Morning: the first request is answered, and not from the ranking cached before the night.
        given().when().get("/api/v1/posts/top?limit=1").then().statusCode(200)
                .body("items.external_id", not(hasItem(post.get("external_id"))));
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        Listening.await();
    }

    private static void probeFor(long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            probeOnce();
            Thread.sleep(1000);
        }
    }

    private static void probeOnce() {
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}

package com.summitlakehouse.ops.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.ops.support.ApiProcess;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.RawHttp;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ops-api processes on one database, each started as production starts it (plain {@code java -jar}): what one
 * replica promises must hold with two, the submission limit and a withdrawn post leaving every replica's answers.
 */
class TwoReplicasIT {

    static final int PER_MINUTE = 10;
    static final TestDatabase DATABASE = new TestDatabase();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static ApiProcess first;
    static ApiProcess second;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> database = DATABASE.start();
        Map<String, String> settings = ApiProcess.environment(
                "OPS_QUESTIONS_RATE_LIMIT_PER_MINUTE", Integer.toString(PER_MINUTE),
                "OPS_QUESTIONS_RATE_LIMIT_CLIENT_ADDRESS_HEADER", "X-Forwarded-For");
        first = ApiProcess.start(database, settings);
        // The first has migrated; the second starts as a replica does.
        settings.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        second = ApiProcess.start(database, settings);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ApiProcess api : new ApiProcess[] {first, second}) {
                if (api != null) {
                    api.close();
                }
            }
        } finally {
            DATABASE.stop();
        }
    }

    static HttpResponse<String> ask(ApiProcess api, String client, String text) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.api("/api/v1/questions"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", client)
                .POST(HttpRequest.BodyPublishers.ofString("{\"question_text\": \"" + text + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void oneClientGetsTheLimitNotTwiceItAndTheLimitRecovers() throws Exception {
        String client = "203.0.113.50";
        int accepted = 0;
        int refused = 0;
        long retryAfter = 0;
        // Alternating between the replicas, as a load balancer would.
        for (int i = 0; i < 2 * PER_MINUTE; i++) {
            HttpResponse<String> answer = ask(i % 2 == 0 ? first : second, client, "Question " + i);
            if (answer.statusCode() == 201) {
                accepted++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body());
                assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
                retryAfter = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
                refused++;
            }
        }
        assertEquals(PER_MINUTE, accepted, "the limit across both replicas");
        assertEquals(PER_MINUTE, refused);
        assertTrue(retryAfter >= 1 && retryAfter <= 60 / PER_MINUTE, "Retry-After " + retryAfter);
        assertEquals(201, ask(second, "203.0.113.51", "Another client").statusCode(), "another address is free");

        Thread.sleep(retryAfter * 1000 + 200);
        assertEquals(201, ask(second, client, "After waiting").statusCode(), "recovered after Retry-After");
        assertEquals(429, ask(first, client, "And only one").statusCode(), "by one submission, on either replica");
    }

    @Test
    void aMalformedUrlIsAProblemDocumentUnderPlainJavaJar() throws Exception {
        String answer = RawHttp.get(first.port, "/api/v1/posts?before=%%%");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"field\":\"url\""), answer);
    }

    @Test
    void healthAndMetricsAnswerOnlyOnTheManagementPort() throws Exception {
        assertEquals(404, status(first.api("/q/metrics")));
        assertEquals(404, status(first.api("/q/health/ready")));
        assertEquals(200, status(first.management("/q/metrics")));
        assertEquals(200, status(first.management("/q/health/ready")));
        assertEquals(200, status(first.api("/q/openapi")), "the contract stays public");
    }

    @Test
    void aPostHiddenThroughOneReplicaLeavesBothReplicasWithinASecond() throws Exception {
        String tag = "twoReplicas" + System.nanoTime();
        String asOf = "2025-05-02T12:00:00Z";
        Map<String, Object> post = Posts.post("instagram", 0, null, tag);
        post.put("posted_at", "2025-05-02T09:00:00Z");
        post.put("like_count", 900);
        assertEquals(200, send(first, "PUT", "/api/v1/admin/posts", Tokens.bearer("ingest"),
                JSON.writeValueAsString(List.of(post))).statusCode());
        String moderate = "/api/v1/admin/posts/instagram/" + post.get("external_id");
        assertEquals(200, send(second, "PATCH", moderate, Tokens.bearer("moderator"), "{\"is_visible\": true}")
                .statusCode());

        String top = "/api/v1/posts/top?days=1&as_of=" + asOf;
        String feed = "/api/v1/posts?hashtag=" + tag.toLowerCase();
        for (ApiProcess api : new ApiProcess[] {first, second}) {
            awaitListening(api);
            for (int i = 0; i < 2; i++) {
                assertTrue(get(api, top).contains((String) post.get("external_id")), "ranked on " + api.port);
                assertTrue(get(api, feed).contains((String) post.get("external_id")), "in the feed on " + api.port);
            }
        }

        assertEquals(200, send(first, "PATCH", moderate, Tokens.bearer("moderator"), "{\"is_visible\": false}")
                .statusCode());
        long hidden = System.nanoTime();
        for (ApiProcess api : new ApiProcess[] {second, first}) {
            for (String path : List.of(top, feed)) {
                while (get(api, path).contains((String) post.get("external_id"))) {
                    assertTrue(System.nanoTime() - hidden < 1_000_000_000L,
                            path + " still serves the hidden post a second later on " + api.port);
                    Thread.sleep(20);
                }
            }
        }
    }

    /** The replica connects its listener when a request first needs the database; the gauge says when it listens. */
    static void awaitListening(ApiProcess api) throws Exception {
        get(api, "/api/v1/posts?limit=1");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!HTTP.send(HttpRequest.newBuilder(api.management("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("ops_public_changes_listening 1.0")) {
            assertTrue(System.nanoTime() < deadline, "replica on " + api.port + " listens within 10 s");
            Thread.sleep(20);
        }
    }

    static String get(ApiProcess api, String path) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(api.api(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    static HttpResponse<String> send(ApiProcess api, String method, String path, String authorization, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(api.api(path)).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int status(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}

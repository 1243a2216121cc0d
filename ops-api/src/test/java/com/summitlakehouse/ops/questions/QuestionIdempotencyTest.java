package com.summitlakehouse.ops.questions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** POST /api/v1/questions with an Idempotency-Key: a retry returns the first answer and stores nothing new. */
@QuarkusTest
class QuestionIdempotencyTest {

    private static final AtomicInteger ADDRESS = new AtomicInteger();
    /** One client address per key, as one client retries; the submission limit counts a few per test. */
    private static final Map<String, String> CLIENTS = new ConcurrentHashMap<>();

    private static Response submit(String key, String text) {
        return submitFrom(CLIENTS.computeIfAbsent(key, k -> {
            int n = ADDRESS.incrementAndGet();
            return "10.88." + (n / 250 % 250) + "." + (n % 250);
        }), key, text);
    }

    private static Response submitFrom(String client, String key, String text) {
        return given().header("X-Forwarded-For", client)
                .header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"question_text\": \"" + text + "\", \"asker_name\": \"Ravi\"}")
                .when().post("/api/v1/questions");
    }

    @Test
    void theSameKeyTwiceStoresOneQuestionAndAnswersAlike() throws Exception {
        String key = UUID.randomUUID().toString();
        String text = "Will the convoy stop in Boise? " + key;
        Response first = submit(key, text);
        first.then().statusCode(201).body("status", equalTo("pending"));
        assertEquals(null, first.header("Idempotent-Replayed"));
        Response again = submit(key, text);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.body().asString(), again.body().asString(), "the retry gets the first answer");
        assertEquals(1, stored(text));
    }

    @Test
    void concurrentRetriesWithOneKeyStoreOneQuestion() throws Exception {
        String key = UUID.randomUUID().toString();
        String text = "How long is the Chicago stop? " + key;
        // Five: the submission limit (5 a minute) counts retries too.
        ExecutorService clients = Executors.newFixedThreadPool(5);
        List<Future<Response>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(clients.submit((Callable<Response>) () -> submit(key, text)));
        }
        List<Object> ids = new ArrayList<>();
        for (Future<Response> answer : answers) {
            Response response = answer.get();
            assertEquals(201, response.statusCode(), response.body().asString());
            ids.add(response.path("id"));
        }
        clients.shutdown();
        assertEquals(1, ids.stream().distinct().count(), "every retry names the same question: " + ids);
        assertEquals(1, stored(text));
    }

    @Test
    void aUsedKeyWithADifferentQuestionIsRefused() throws Exception {
        String key = UUID.randomUUID().toString();
        submit(key, "First question " + key).then().statusCode(201);
        submit(key, "Another question " + key).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("This Idempotency-Key was used for a different question in the last 24 hours"));
        assertEquals(0, stored("Another question " + key));
    }

    @Test
    void oneClientNeitherSeesNorClaimsAnotherClientsKey() throws Exception {
        String key = "order-1";
        long mine = ((Number) submitFrom("192.0.2.10", key, "Mine " + key).then().statusCode(201)
                .extract().path("id")).longValue();
        // Another client with the same key and another question: not 422 (which would say the key is in use).
        Response theirs = submitFrom("192.0.2.11", key, "Theirs " + key);
        theirs.then().statusCode(201);
        assertEquals(null, theirs.header("Idempotent-Replayed"));
        long theirId = ((Number) theirs.path("id")).longValue();
        assertTrue(theirId != mine);
        // Each client's retry replays its own question.
        submitFrom("192.0.2.10", key, "Mine " + key).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo((int) mine));
        submitFrom("192.0.2.11", key, "Theirs " + key).then().statusCode(201).header("Idempotent-Replayed", "true")
                .body("id", equalTo((int) theirId));
        assertEquals(1, stored("Mine " + key));
        assertEquals(1, stored("Theirs " + key));
    }

    @Test
    void anExpiredKeyMayBeUsedAgain() throws Exception {
        String key = UUID.randomUUID().toString();
        long first = ((Number) submit(key, "Old question " + key).then().statusCode(201).extract().path("id"))
                .longValue();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "UPDATE qa_submission_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?")) {
            s.setString(1, key);
            assertEquals(1, s.executeUpdate());
        }
        long second = ((Number) submit(key, "New question " + key).then().statusCode(201).extract().path("id"))
                .longValue();
        assertTrue(second != first, "a new question is stored under the expired key");
        assertEquals(1, stored("New question " + key));
    }

    @Test
    void aMalformedKeyIsA400NamingTheHeader() {
        submit("has spaces in it", "Keyed question").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        submit("x".repeat(256), "Keyed question").then().statusCode(400)
                .body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void theKeyIsInTheApiContract() {
        String contract = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        assertTrue(contract.contains("\"Idempotency-Key\""), "the header is documented");
        assertTrue(contract.contains("\"422\""), "and the refusal of a reused key");
    }

    private static int stored(String text) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM qa_questions WHERE question_text = ?")) {
            s.setString(1, text);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}

package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.ops.support.Management;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When every pooled connection is busy and the bounded wait queue is full, a request is answered 503 at once
 * instead of piling up; and an overloaded instance does not mistake itself for a database outage.
 */
@QuarkusTest
@TestProfile(FullWaitQueueTest.OneConnectionOneWaiter.class)
class FullWaitQueueTest {

    public static class OneConnectionOneWaiter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.max-size", "1",
                    "ops.database.max-wait-queue", "1",
                    "ops.database.query-timeout", "20S");
        }
    }

    @jakarta.inject.Inject
    DatabaseAvailability availability;

    @Test
    void aFullWaitQueueIsA503AndNotAnOutage() throws Exception {
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            // Reads of social_posts wait behind this lock, holding the pool's only connection.
            admin.setAutoCommit(false);
            statement.execute("LOCK TABLE social_posts IN ACCESS EXCLUSIVE MODE");
            CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(
                    () -> given().when().get("/api/v1/posts?limit=1").statusCode());
            Thread.sleep(500);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(
                    () -> given().when().get("/api/v1/posts?limit=2").statusCode());
            Thread.sleep(500);
            given().when().get("/api/v1/posts?limit=3").then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            org.junit.jupiter.api.Assertions.assertFalse(availability.isAway(), "overload is not an outage");
            admin.rollback();
            assertEquals(200, holding.get(20, TimeUnit.SECONDS));
            assertEquals(200, waiting.get(20, TimeUnit.SECONDS));
        }
        given().when().get("/api/v1/posts?limit=3").then().statusCode(200);
        Management.given().when().get("/q/health/ready").then().statusCode(200);
    }
}

package com.summitlakehouse.ops.governance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TcpProxy;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for several seconds under concurrent requests (a proxy the test controls drops every
 * connection and refuses new ones) and comes back. Readiness follows it, liveness does not, requests fail fast with
 * 503 while it is away, nothing recovers by hand, and every question acknowledged with 201 is in the database.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Profile.class)
class DatabaseOutageTest {

    static TcpProxy proxy;

    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            proxy = new TcpProxy(TestDatabase.HOST, Integer.parseInt(TestDatabase.PORT));
            return Map.of("lakebase_port", Integer.toString(proxy.port()),
                    "ops.database.connect-timeout", "2S",
                    "ops.database.acquire-timeout", "3S",
                    "ops.health.database-timeout", "1S");
        }

        @Override
        public void stop() {
            proxy.close();
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }
    }

    @Test
    void anOutageIsSurvivedWithoutLosingAnAcknowledgedWrite() throws Exception {
        given().when().get("/q/health/ready").then().statusCode(200);
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        AtomicLong slowest = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            boolean writer = t % 2 == 0;
            clients.submit(() -> {
                while (running.get()) {
                    int n = sequence.incrementAndGet();
                    long started = System.nanoTime();
                    Response response = writer
                            ? given().header("X-Forwarded-For", "198.19." + (n / 250) + "." + (n % 250))
                                    .contentType(ContentType.JSON)
                                    .body("{\"question_text\": \"outage question " + n + "\"}")
                                    .when().post("/api/v1/questions")
                            : given().when().get("/api/v1/posts?limit=10");
                    slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    statuses.add(response.statusCode());
                    if (response.statusCode() == 201) {
                        acknowledged.put(((Number) response.path("id")).longValue(), "outage question " + n);
                    }
                }
                return null;
            });
        }

        Thread.sleep(1000);
        proxy.cut();
        long cutAt = System.nanoTime();
        Thread.sleep(1500);
        given().when().get("/q/health/ready").then().statusCode(503);
        given().when().get("/q/health/live").then().statusCode(200);
        long started = System.nanoTime();
        given().when().get("/api/v1/posts?limit=10").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 2000, "a 503 comes fast, not after a hang");
        while ((System.nanoTime() - cutAt) / 1_000_000 < 5000) {
            Thread.sleep(100);
        }
        proxy.restore();

        long deadline = System.currentTimeMillis() + 20_000;
        while (given().when().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "readiness recovers by itself");
            Thread.sleep(200);
        }
        Thread.sleep(1000);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));

        assertTrue(statuses.contains(503), "the outage was felt");
        List<Integer> unexpected = new ArrayList<>(statuses.stream()
                .filter(s -> s != 200 && s != 201 && s != 503).toList());
        assertEquals(List.of(), unexpected, "only successes and 503s");
        assertTrue(slowest.get() < 10_000, "no request hung: slowest " + slowest.get() + " ms");
        given().when().get("/api/v1/posts?limit=10").then().statusCode(200);

        assertTrue(acknowledged.size() > 10, "questions were acknowledged: " + acknowledged.size());
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT question_text FROM qa_questions WHERE id = ?")) {
            for (Map.Entry<Long, String> question : acknowledged.entrySet()) {
                s.setLong(1, question.getKey());
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), "acknowledged question " + question.getKey() + " is stored");
                    assertEquals(question.getValue(), rs.getString(1));
                }
            }
        }
    }
}

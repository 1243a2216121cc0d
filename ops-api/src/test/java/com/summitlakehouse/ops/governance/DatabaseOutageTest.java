package com.summitlakehouse.ops.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Management;
import com.summitlakehouse.ops.support.LogLines;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The database goes away for several seconds under 8 concurrent clients (half readers, half writers) and comes back,
 * in each way it goes away in production: connections closed and new ones refused (scale-to-zero), connections reset
 * (failover, restart), and bytes that stop flowing with nothing closed (half-open). Every answer is a success or a
 * 503 with Retry-After, never a 500; requests fail fast while it is away; readiness follows what requests found and
 * liveness does not; it recovers by itself; every question acknowledged with 201 is in the database; and the log
 * tells the outage in a handful of lines without a stack trace.
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
                    "ops.database.query-timeout", "2S",
                    "ops.database.probe-timeout", "1S");
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

    /** A case that fails while the database is away must not leave it away for the next one. */
    @AfterEach
    void databaseBack() {
        proxy.restore();
    }

    enum Fault {
        CUT, RESET, STALL
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anOutageIsSurvivedWithoutA500OrLosingAnAcknowledgedWrite(Fault fault) throws Exception {
        awaitReady();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Long, String> acknowledged = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> unexpected = new ConcurrentLinkedQueue<>();
        AtomicInteger unavailable = new AtomicInteger();
        AtomicLong slowest = new AtomicLong();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        LogLines log;
        for (int t = 0; t < 8; t++) {
            boolean writer = t % 2 == 0;
            clients.submit(() -> {
                while (running.get()) {
                    int n = sequence.incrementAndGet();
                    long started = System.nanoTime();
                    Response response = writer
                            ? given().header("X-Forwarded-For", "198.19." + (n / 250) + "." + (n % 250))
                                    .contentType(ContentType.JSON)
                                    .body("{\"question_text\": \"" + fault + " question " + n + "\"}")
                                    .when().post("/api/v1/questions")
                            : given().when().get("/api/v1/posts?limit=10");
                    slowest.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                    int status = response.statusCode();
                    if (status == 201) {
                        acknowledged.put(((Number) response.path("id")).longValue(), fault + " question " + n);
                    } else if (status == 503 && "5".equals(response.header("Retry-After"))
                            && response.contentType().startsWith("application/problem+json")) {
                        unavailable.incrementAndGet();
                    } else if (status != 200) {
                        unexpected.add(status + " " + response.body().asString());
                    }
                }
                return null;
            });
        }

        Thread.sleep(1000);
        log = LogLines.capture();
        switch (fault) {
            case CUT -> proxy.cut();
            case RESET -> proxy.reset();
            case STALL -> proxy.stall();
        }
        long cutAt = System.nanoTime();
        Thread.sleep(3500);
        Management.given().when().get("/q/health/ready").then().statusCode(503);
        Management.given().when().get("/q/health/live").then().statusCode(200);
        long started = System.nanoTime();
        given().when().get("/api/v1/posts?limit=10").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5");
        assertTrue((System.nanoTime() - started) / 1_000_000 < 500,
                "while the database is known to be away a 503 comes at once, not after a wait");
        while ((System.nanoTime() - cutAt) / 1_000_000 < 6000) {
            Thread.sleep(100);
        }
        proxy.restore();

        awaitReady();
        Thread.sleep(1000);
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));
        log.close();

        assertEquals(List.of(), List.copyOf(unexpected), "only successes and 503s with Retry-After");
        assertTrue(unavailable.get() > 0, "the outage was felt");
        assertTrue(slowest.get() < 5_000, "no request hung: slowest " + slowest.get() + " ms");
        given().when().get("/api/v1/posts?limit=10").then().statusCode(200);

        List<String> warnings = log.warningsAndErrors();
        assertTrue(warnings.size() <= 3, "an outage costs a handful of log lines, not one per request: " + warnings);
        assertTrue(warnings.stream().noneMatch(line -> line.contains("[")), "no stack trace: " + warnings);
        assertTrue(log.messages().stream().anyMatch(line -> line.startsWith("Database available again after")),
                "the end of the outage is logged: " + log.messages());

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

    @Test
    void readinessTellsWhatRequestsFoundWithoutAskingTheDatabaseItself() throws Exception {
        awaitReady();
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        proxy.cut();
        try {
            // Nothing has tried the database since: readiness knows of no outage, and asks nothing to find one.
            for (int i = 0; i < 5; i++) {
                Management.given().when().get("/q/health/ready").then().statusCode(200);
                Thread.sleep(200);
            }
            given().when().get("/api/v1/posts?limit=1").then().statusCode(503);
            Management.given().when().get("/q/health/ready").then().statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'database' }.data.reason", not(emptyOrNullString()));
            Management.given().when().get("/q/health/live").then().statusCode(200);
        } finally {
            proxy.restore();
        }
        // The outage probe, not a request, sees it back.
        awaitReady();
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (Management.given().when().get("/q/health/ready").statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "readiness recovers by itself");
            Thread.sleep(200);
        }
    }
}

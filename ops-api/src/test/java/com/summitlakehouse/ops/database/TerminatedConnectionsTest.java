package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Connections the server ends on its own (pg_terminate_backend, as an administrator, a failover or a scale-to-zero
 * suspend does) cost the next request nothing: a statement that finds its pooled connection dead is sent again on a
 * fresh one.
 */
@QuarkusTest
class TerminatedConnectionsTest {

    @jakarta.inject.Inject
    io.vertx.core.Vertx vertx;

    @Test
    void databaseConnectionsRunOnTheNativeTransportThatSetsKeepAliveTimings() {
        // Without epoll, TCP keep-alive falls back to the kernel's two-hour default and TCP_USER_TIMEOUT is ignored.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name").startsWith("Linux"),
                "epoll is Linux only");
        assertTrue(vertx.isNativeTransportEnabled(), "the native epoll transport is in use");
    }

    @Test
    void idleConnectionsKilledByTheServerCostTheNextRequestNothing() throws Exception {
        // Fill the pool with several connections, then kill them all while nothing runs.
        List<Thread> warmers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Thread warm = new Thread(() -> given().when().get("/api/v1/posts?limit=5").then().statusCode(200));
            warm.start();
            warmers.add(warm);
        }
        for (Thread warm : warmers) {
            warm.join();
        }
        List<Integer> killed = terminateOpsApiConnections();
        assertTrue(!killed.isEmpty(), "there were pooled connections to kill");

        given().when().get("/api/v1/posts?limit=5").then().statusCode(200);
        given().when().get("/api/v1/questions?limit=5").then().statusCode(200);
        List<Integer> now = backendPids();
        assertTrue(now.stream().noneMatch(killed::contains),
                "the answers came from new backends " + now + ", none of the killed " + killed);
    }

    @Test
    void connectionsKilledUnderLoadGiveNo500() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            int client = t;
            clients.submit(() -> {
                while (running.get()) {
                    int n = sequence.incrementAndGet();
                    var response = switch (client % 4) {
                        case 0 -> given().header("X-Forwarded-For", "10.77." + (n / 250 % 250) + "." + (n % 250))
                                .header("Idempotency-Key", "terminated-" + n)
                                .contentType(ContentType.JSON)
                                .body("{\"question_text\": \"asked while backends die " + n + "\"}")
                                .when().post("/api/v1/questions");
                        case 1 -> given().when().get("/api/v1/questions?limit=10");
                        default -> given().when().get("/api/v1/posts?limit=10");
                    };
                    answered.incrementAndGet();
                    if (response.statusCode() >= 300) {
                        failures.add(response.statusCode() + " " + response.body().asString());
                    }
                }
                return null;
            });
        }
        for (int round = 0; round < 10; round++) {
            Thread.sleep(300);
            terminateOpsApiConnections();
        }
        running.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(30, TimeUnit.SECONDS));

        assertTrue(answered.get() > 100, "the load ran: " + answered.get() + " requests");
        // Every statement here may be sent twice (reads, and submissions with an Idempotency-Key), so none fails.
        assertEquals(List.of(), List.copyOf(failures), "no request failed while backends were killed");
    }

    private static List<Integer> terminateOpsApiConnections() throws Exception {
        List<Integer> pids = backendPids();
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name = 'ops-api'");
        }
        return pids;
    }

    private static List<Integer> backendPids() throws Exception {
        List<Integer> pids = new ArrayList<>();
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND application_name = 'ops-api'")) {
            while (rows.next()) {
                pids.add(rows.getInt(1));
            }
        }
        return pids;
    }
}

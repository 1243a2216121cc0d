package com.summitlakehouse.ops.database;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Backends;
import com.summitlakehouse.ops.support.Backends.Backend;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * ops.database.min-size connections are kept open while the service is in use, and only then: nothing is opened
 * before a request needs the database, and connections the server closed after a quiet spell (a scale-to-zero
 * database suspending) stay closed until a request needs one. The pool's own idle timeout is long here, so that
 * only the server closes connections, as a suspending database does.
 */
@QuarkusTest
@TestProfile(IdleConnectionsTest.ShortQuietSpell.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IdleConnectionsTest {

    static final long QUIET_AFTER_MS = 3000;

    public static class ShortQuietSpell implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.idle-timeout", "60S",
                    "ops.database.quiet-after", QUIET_AFTER_MS + "MS");
        }
    }

    @Test
    @Order(1)
    void nothingIsOpenedBeforeARequestNeedsTheDatabase() throws Exception {
        // Longer than a round (half of quiet-after), which opened a connection at start-up before.
        Thread.sleep(QUIET_AFTER_MS);
        assertEquals(List.of(), Backends.now(), "no connection before any request");
    }

    @Test
    @Order(2)
    void aConnectionCutWhileInUseIsOpenedAgainWithoutARequest() throws Exception {
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        List<Backend> pooled = awaitPooled();
        java.util.Set<Integer> before = Backends.pids(Backends.now());
        Backends.terminate(pooled);

        List<Backend> fresh = Backends.awaitNew(before, QUIET_AFTER_MS)
                .stream().filter(backend -> !backend.listens()).toList();
        assertFalse(fresh.isEmpty(), "the cut connection is opened again within quiet-after, without a request");
    }

    @Test
    @Order(3)
    void connectionsCutAfterAQuietSpellStayClosedUntilARequestNeedsOne() throws Exception {
        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        awaitPooled();
        Thread.sleep(QUIET_AFTER_MS + 500);
        List<Backend> idle = Backends.now();
        Backends.terminate(idle);

        // Four rounds of IdleConnections, and time for any listener to come back.
        assertEquals(List.of(), Backends.awaitNew(Backends.pids(idle), 2 * QUIET_AFTER_MS),
                "nothing is opened again after a quiet spell without a request");

        given().when().get("/api/v1/posts?limit=1").then().statusCode(200);
        assertTrue(Backends.now().stream().anyMatch(backend -> !backend.listens()),
                "the request opened what it needed");
    }

    @Test
    @Order(4)
    void theMigrationsJdbcConnectionsAreClosedOnceMigrated() throws Exception {
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                ResultSet jdbc = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND application_name = 'PostgreSQL JDBC Driver'")) {
            jdbc.next();
            assertEquals(0, jdbc.getInt(1), "no JDBC connection is left open after Flyway's migrations");
        }
    }

    /** The pooled (not listening) backends, once there is one. */
    private static List<Backend> awaitPooled() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<Backend> pooled = Backends.now().stream().filter(backend -> !backend.listens()).toList();
            if (!pooled.isEmpty()) {
                return pooled;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no pooled connection after a request");
    }
}

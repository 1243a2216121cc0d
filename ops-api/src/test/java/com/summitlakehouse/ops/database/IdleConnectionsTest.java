package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IdleConnectionsTest.ShortIdleTimeout.class)
class IdleConnectionsTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.idle-timeout", "2S");
        }
    }

    @Test
    void oneConnectionStaysOpenWithoutAnyRequestAndComesBackWhenCut() throws Exception {
        Set<Integer> first = awaitOpenConnections(Set.of());
        assertFalse(first.isEmpty(), "a connection is opened at start-up, before any request");

        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name = 'ops-api'");
        }
        // pg_terminate_backend only signals: the dying backend may still be listed for a moment, so only a backend
        // that was not there before counts as opened again.
        assertFalse(awaitOpenConnections(first).isEmpty(),
                "the cut connection is opened again, still without any request");
    }

    @Test
    void theMigrationsJdbcConnectionsAreClosedOnceMigrated() throws Exception {
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                ResultSet jdbc = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                        + "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                        + "AND application_name = 'PostgreSQL JDBC Driver'")) {
            jdbc.next();
            assertEquals(0, jdbc.getInt(1), "no JDBC connection is left open after Flyway's migrations");
        }
    }

    /** The pids of ops-api's backends, once there is at least one not among {@code old}; empty after 10 s. */
    private static Set<Integer> awaitOpenConnections(Set<Integer> old) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Set<Integer> pids = new HashSet<>();
            try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT pid FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND application_name = 'ops-api'")) {
                while (rows.next()) {
                    pids.add(rows.getInt(1));
                }
            }
            pids.removeAll(old);
            if (!pids.isEmpty()) {
                return pids;
            }
            Thread.sleep(100);
        }
        return Set.of();
    }
}

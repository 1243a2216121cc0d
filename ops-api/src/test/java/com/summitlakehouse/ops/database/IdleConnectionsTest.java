package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
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
        assertTrue(awaitOpenConnections(), "a connection is opened at start-up, before any request");

        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE datname = current_database() AND application_name = 'ops-api'");
        }
        assertTrue(awaitOpenConnections(), "the cut connection is opened again, still without any request");
    }

    private static boolean awaitOpenConnections() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                    ResultSet count = statement.executeQuery("SELECT count(*) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND application_name = 'ops-api'")) {
                count.next();
                if (count.getInt(1) >= 1) {
                    return true;
                }
            }
            Thread.sleep(100);
        }
        return false;
    }
}

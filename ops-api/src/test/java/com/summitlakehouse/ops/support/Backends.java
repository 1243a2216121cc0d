package com.summitlakehouse.ops.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ops-api's backends on the suite's database as pg_stat_activity shows them (application_name 'ops-api'): what a
 * test watches to see what the service sends and opens, as the database itself sees it.
 */
public final class Backends {

    private Backends() {
    }

    /** One backend; {@code query} is its last statement, {@code queryStart} when it began. */
    public record Backend(int pid, Timestamp backendStart, Timestamp queryStart, Timestamp xactStart, String state,
            String query) {

        /** The connection that LISTENs for public changes (its only statement). */
        public boolean listens() {
            return query != null && query.startsWith("LISTEN");
        }
    }

    public static List<Backend> now() throws SQLException {
        List<Backend> backends = new ArrayList<>();
        try (Connection admin = TestDatabase.connect(); Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT pid, backend_start, query_start, xact_start, state, query
                          FROM pg_stat_activity
                         WHERE datname = current_database() AND application_name = 'ops-api'
                         ORDER BY pid""")) {
            while (rows.next()) {
                backends.add(new Backend(rows.getInt(1), rows.getTimestamp(2), rows.getTimestamp(3),
                        rows.getTimestamp(4), rows.getString(5), rows.getString(6)));
            }
        }
        return backends;
    }

    public static Set<Integer> pids(Collection<Backend> backends) {
        return backends.stream().map(Backend::pid).collect(Collectors.toSet());
    }

    /** Ends the backends, as an administrator, a failover or a suspending database does, and waits until gone. */
    public static void terminate(Collection<Backend> backends) throws Exception {
        try (Connection admin = TestDatabase.connect();
                PreparedStatement terminate = admin.prepareStatement("SELECT pg_terminate_backend(?)")) {
            for (Backend backend : backends) {
                terminate.setInt(1, backend.pid());
                terminate.execute();
            }
        }
        // pg_terminate_backend only signals: a dying backend may still be listed for a moment.
        Set<Integer> ended = pids(backends);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (now().stream().anyMatch(backend -> ended.contains(backend.pid()))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("backends " + ended + " still there 5 s after pg_terminate_backend");
            }
            Thread.sleep(20);
        }
    }

    /** The backends not among {@code old}, once there is one; empty after {@code millis}. */
    public static List<Backend> awaitNew(Set<Integer> old, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            List<Backend> fresh = now().stream().filter(backend -> !old.contains(backend.pid())).toList();
            if (!fresh.isEmpty() || System.nanoTime() > deadline) {
                return fresh;
            }
            Thread.sleep(50);
        }
    }
}

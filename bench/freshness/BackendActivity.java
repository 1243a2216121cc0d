package bench.freshness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What one database's backends do, as pg_stat_activity shows them every second: a statement is a backend whose
 * query_start moved (at least: two within one second count once), a new connection a backend that started during
 * the watch. pg_stat_database's session counter ({@link #sessions}) counts the connections too short-lived for the
 * samples too, of any client. (Its transaction counter is no measure here: a connection that keeps sending
 * statements has them flushed to it up to a minute late.)
 */
final class BackendActivity {
    private final Connection admin;
    private final String db;
    private final Map<String, long[]> byClient = new TreeMap<>(); // client -> {statements, new connections}
    private final Map<String, Integer> texts = new TreeMap<>();

    BackendActivity(Connection admin, String db) {
        this.admin = admin;
        this.db = db;
    }

    /** Samples every second for {@code seconds}; what started before {@code start} does not count. */
    void watch(Instant start, int seconds) throws SQLException, InterruptedException {
        Map<Integer, Timestamp> lastStatement = new HashMap<>();
        boolean first = true;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            try (PreparedStatement activity = admin.prepareStatement("""
                    SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS client, backend_start,
                           query_start, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
                      FROM pg_stat_activity WHERE datname = ?""")) {
                activity.setString(1, db);
                try (ResultSet rows = activity.executeQuery()) {
                    while (rows.next()) {
                        int pid = rows.getInt("pid");
                        String client = Backends.client(rows.getString("client"));
                        Timestamp started = rows.getTimestamp("backend_start");
                        Timestamp query = rows.getTimestamp("query_start");
                        long[] counts = byClient.computeIfAbsent(client, c -> new long[2]);
                        boolean known = lastStatement.containsKey(pid);
                        Timestamp previous = lastStatement.put(pid, query);
                        if (!known && !first && started.toInstant().isAfter(start)) {
                            counts[1]++;
                        }
                        boolean moved = known ? query != null && !query.equals(previous)
                                : !first && query != null && query.toInstant().isAfter(start);
                        if (moved) {
                            counts[0]++;
                            texts.merge(client + ": " + rows.getString("query"), 1, Integer::sum);
                        }
                    }
                }
            }
            first = false;
            Thread.sleep(1000);
        }
    }

    /** Statements and new connections by client. */
    Map<String, long[]> byClient() {
        return byClient;
    }

    /** How often each client's statement text was seen starting. */
    Map<String, Integer> texts() {
        return texts;
    }

    /** pg_stat_database's count of sessions opened, as of now. */
    long sessions() throws SQLException {
        try (PreparedStatement counters = admin.prepareStatement(
                "SELECT sessions FROM pg_stat_database WHERE datname = ?")) {
            try (var clear = admin.createStatement()) {
                clear.execute("SELECT pg_stat_clear_snapshot()");
            }
            counters.setString(1, db);
            try (ResultSet row = counters.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}

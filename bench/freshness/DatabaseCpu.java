package bench.freshness;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU of the backends of one database, by client: sampled every 500 ms, so that backends that start during the
 * work count whole and those present at its start count from there. A backend that starts and ends between two
 * samples is missed (the figures are a floor).
 */
final class DatabaseCpu implements AutoCloseable {
    private final String db;
    private final Connection admin;
    private final Map<Integer, long[]> ticks = new HashMap<>(); // pid -> {at start or 0, last seen}
    private final Map<Integer, String> clients = new HashMap<>();
    private ScheduledExecutorService sampler;
    private boolean starting;

    DatabaseCpu(String db) throws SQLException {
        this.db = db;
        this.admin = Backends.adminConnection();
    }

    void start() throws SQLException {
        synchronized (this) {
            starting = true;
            sample();
            starting = false;
        }
        sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            try {
                sample();
            } catch (SQLException e) {
                System.err.println("sampling pg_stat_activity failed: " + e.getMessage());
            }
        }, 500, 500, TimeUnit.MILLISECONDS);
    }

    Map<String, Double> stop() throws Exception {
        sampler.shutdown();
        sampler.awaitTermination(10, TimeUnit.SECONDS);
        sample();
        Map<String, Double> byClient = new TreeMap<>();
        synchronized (this) {
            ticks.forEach((pid, t) -> byClient.merge(clients.get(pid), (t[1] - t[0]) / (double) ProcessCpu.CLOCK_TICKS,
                    Double::sum));
        }
        return byClient;
    }

    private synchronized void sample() throws SQLException {
        try (PreparedStatement backends = admin.prepareStatement("""
                SELECT pid, coalesce(nullif(application_name, ''), backend_type) FROM pg_stat_activity
                 WHERE datname = ?""")) {
            backends.setString(1, db);
            try (ResultSet rows = backends.executeQuery()) {
                while (rows.next()) {
                    int pid = rows.getInt(1);
                    long now = ProcessCpu.ticks(pid);
                    if (now == 0) {
                        continue;
                    }
                    long[] seen = ticks.computeIfAbsent(pid, p -> new long[] {starting ? now : 0, now});
                    seen[1] = Math.max(seen[1], now);
                    clients.putIfAbsent(pid, Backends.client(rows.getString(2)));
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        admin.close();
    }
}

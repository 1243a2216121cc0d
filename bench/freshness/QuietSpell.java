package bench.freshness;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A quiet spell: ops-api probed as Kubernetes does ({@link Probes}) and no changes, while the bench database's
 * backends are watched ({@link BackendActivity}); then the statements and new connections each service caused.
 */
final class QuietSpell {
    private final String db;
    private final String managementUrl;
    private final int seconds;

    QuietSpell(String db, String managementUrl, int seconds) {
        this.db = db;
        this.managementUrl = managementUrl;
        this.seconds = seconds;
    }

    void run() throws Exception {
        Probes probes = new Probes(managementUrl);
        try (Connection admin = Backends.adminConnection()) {
            BackendActivity activity = new BackendActivity(admin, db);
            // The sessions opened just before reach pg_stat_database within PostgreSQL's idle flush interval
            // (10 s): let that pass, probing already, before the counter is read.
            Thread.sleep(15_000);
            long before = activity.sessions();
            Instant start = Instant.now();
            probes.counting(true);
            activity.watch(start, seconds);
            probes.counting(false);
            Thread.sleep(15_000);
            long after = activity.sessions();
            probes.stop();
            // The session counter spans the spell and the flush intervals either side.
            double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
            report(probes, activity.byClient(), activity.texts(), after - before, minutes);
        }
    }

    private void report(Probes probes, Map<String, long[]> byClient, Map<String, Integer> texts, long sessions,
            double minutes) {
        System.out.printf("quiet %d s (no changes; ops-api probed as Kubernetes does: %s)%n", seconds, probes);
        for (String client : List.of("ops-api", "mirror-service")) {
            long[] counts = byClient.getOrDefault(client, new long[2]);
            System.out.printf("  %-15s statements >= %d, new connections %d (pg_stat_activity, every second)%n",
                    client, counts[0], counts[1]);
        }
        byClient.forEach((client, counts) -> {
            if (!client.equals("ops-api") && !client.equals("mirror-service") && (counts[0] > 0 || counts[1] > 0)) {
                System.out.printf("  %-15s statements >= %d, new connections %d%n", client, counts[0], counts[1]);
            }
        });
        System.out.printf("  whole database: %d sessions opened in %.1f minutes (pg_stat_database, any client)%n",
                sessions, minutes);
        texts.forEach((text, n) -> System.out.printf("    %4d x %s%n", n, text));
    }
}

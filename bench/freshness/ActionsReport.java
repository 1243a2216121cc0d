package bench.freshness;

import bench.common.NearestRank;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The printed figures of the actions: seconds to the gold table by action, and the CPU they cost. */
final class ActionsReport {

    private ActionsReport() {
    }

    static void print(List<Outcome> outcomes, Cost feedOnly, Cost withActions) {
        long unseen = outcomes.stream().filter(o -> !o.seen()).count();
        System.out.printf("%d moderation actions, one after another (%s), seconds from the API's 2xx to the "
                        + "commit of the first gold version that shows it:%n", outcomes.size(),
                String.join(", ", counts(outcomes)));
        System.out.printf("  all        %s%n", percentiles(outcomes));
        for (ActionKind kind : ActionKind.values()) {
            List<Outcome> of = outcomes.stream().filter(o -> o.kind() == kind).toList();
            if (!of.isEmpty()) {
                System.out.printf("  %-10s %s%n", kind.name().toLowerCase(), percentiles(of));
            }
        }
        if (unseen > 0) {
            long timeout = GoldFollower.ACTION_TIMEOUT.toSeconds();
            System.out.printf("  %d not shown within %d s (counted as %d s): %s%n", unseen, timeout, timeout,
                    outcomes.stream().filter(o -> !o.seen()).map(o -> o.kind() + " " + o.target()).toList());
        }
        if (System.getenv("DETAILS") != null) {
            outcomes.forEach(o -> System.out.printf("    %-9s %-24s %6.2f s  version %d%n",
                    o.kind().name().toLowerCase(), o.target(), o.seconds(), o.version()));
        }
        double feedRate = feedOnly.wallSeconds() == 0 ? 0 : 1 / feedOnly.wallSeconds();
        System.out.printf("CPU seconds, background ingestion alone over %.0f s: mirror %.2f, PostgreSQL %.2f "
                        + "(%s)%n", feedOnly.wallSeconds(), feedOnly.mirror(), feedOnly.database(),
                feedOnly.databaseByClient());
        System.out.printf("CPU seconds during the actions (%.0f s, ingestion running): mirror %.2f, PostgreSQL "
                        + "%.2f (%s)%n", withActions.wallSeconds(), withActions.mirror(), withActions.database(),
                withActions.databaseByClient());
        int n = outcomes.size();
        double mirrorNet = withActions.mirror() - feedOnly.mirror() * feedRate * withActions.wallSeconds();
        double databaseNet = withActions.database() - feedOnly.database() * feedRate * withActions.wallSeconds();
        System.out.printf("CPU seconds per action: mirror %.3f, PostgreSQL %.3f   (less the ingestion's own "
                        + "rate: mirror %.3f, PostgreSQL %.3f)%n", withActions.mirror() / n,
                withActions.database() / n, mirrorNet / n, databaseNet / n);
    }

    private static List<String> counts(List<Outcome> outcomes) {
        Map<ActionKind, Integer> byKind = new LinkedHashMap<>();
        outcomes.forEach(o -> byKind.merge(o.kind(), 1, Integer::sum));
        return byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()
                + (e.getKey() == ActionKind.HIDE || e.getKey() == ActionKind.UNHIDE ? "s" : "es")).toList();
    }

    private static String percentiles(List<Outcome> outcomes) {
        double[] sorted = outcomes.stream().mapToDouble(Outcome::seconds).sorted().toArray();
        return String.format("p50 %6.2f   p95 %6.2f   max %6.2f   (n=%d)", NearestRank.percentile(sorted, 50),
                NearestRank.percentile(sorted, 95), sorted[sorted.length - 1], sorted.length);
    }
}

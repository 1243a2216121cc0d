import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GroupLayout;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.RowGroup;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.mirror.source.SourceGroup;
import com.summitlakehouse.mirror.source.SourceSnapshot;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Whole rewrites of the posts table, one after another in one process, through the calls a grouped mirror makes
 * (one snapshot: its per-day fingerprint, then every UTC-hour group streamed into GoldTable.overwrite and
 * committed): the first run pays for loading and compiling the code, the later ones show what the work itself
 * costs. Prints each run's wall time and the process's CPU during it.
 * Usage: java -cp <mirror-service's quarkus-app jars> bench/mirror/WarmFullRuns.java DB WAREHOUSE RUNS
 */
public class WarmFullRuns {

    static final List<String> COLUMNS = List.of("platform", "external_id", "author_handle", "caption", "permalink",
            "media_url", "hashtags", "posted_at", "like_count", "comment_count", "share_count", "updated_at");

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource source = new PGSimpleDataSource();
        // As the prod profile connects: TLS required.
        source.setUrl("jdbc:postgresql://127.0.0.1:5432/" + args[0] + "?user=postgres&sslmode=require"
                + "&ApplicationName=mirror-bench");
        int runs = Integer.parseInt(args[2]);
        for (int run = 1; run <= runs; run++) {
            GoldTable table = new GoldTable(args[1] + "/run-" + run, GoldTableOptions.defaults());
            long started = System.nanoTime();
            long cpu = processCpu();
            try (SourceSnapshot snapshot = SourceSnapshot.open(source, "mirror.social_posts", COLUMNS,
                    List.of("platform", "external_id", "updated_at"), Optional.of("posted_at"))) {
                TableSchema schema = new TableSchema(snapshot.columns().stream()
                        .map(c -> new Column(c.name(), c.type(), true, c.name())).toList());
                List<RowGroup> groups = new ArrayList<>();
                Map<String, String> fingerprints = new TreeMap<>();
                for (SourceGroup group : snapshot.groups().values()) {
                    groups.add(new RowGroup(group.name(), group.rows(), () -> {
                        try {
                            return snapshot.rowsOf(group.name());
                        } catch (java.sql.SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                    fingerprints.put(group.name(), group.fingerprint());
                }
                OverwriteResult result = table.overwrite(schema, groups, new GroupLayout("bench", fingerprints),
                        new Lineage("bench", snapshot.fingerprint(), "bench", "1", snapshot.rowCount()),
                        Optional.empty());
                System.out.printf("warm-run %d rows=%d wall_ms=%d cpu_ms=%d%n", run, result.rows(),
                        (System.nanoTime() - started) / 1_000_000, (processCpu() - cpu) / 1_000_000);
            }
        }
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

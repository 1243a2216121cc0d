package bench.endurance;

import bench.common.DeltaLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

/**
 * The load and the measurements of bench/endurance.sh: whether the listening mirror costs the same late in a table's
 * life as early on.
 *
 * <p>{@code drive} ({@link Drive}): one small change every interval through plain UPDATE statements on an autocommit
 * connection (what a psql session sends; migration V12's triggers notify the listening mirror), alternating a hide
 * and later the unhide of a random old post with a counter or caption update of a recent one; before the first
 * change and after the last, lone hides followed into the gold table ({@link LoneHides}: from the UPDATE's commit to
 * the commit of the version that no longer holds the post), and at the end the {@code _delta_log}'s file count.
 * {@code runs} ({@link RunsReport}): the mirror's log read back, per decile of commits.
 * {@code commits} ({@link Week}): commits made directly through the library's GoldTable, one day rewritten each, with
 * the mirror's upkeep settings; on local disk on a simulated clock (a commit every {@code step}), as a week of a
 * listening mirror's life.
 *
 * <p>The posts are those bench/endurance.sh seeds (bench.common.SeededPosts).
 *
 * <p>Usage (class path: mirror-service/target/quarkus-app/lib/main/* and lib/boot's jboss-logging jar):
 * <pre>
 * java bench.endurance.Endurance drive   &lt;db&gt; &lt;table-location&gt; &lt;mirror-log&gt; &lt;minutes&gt;
 *                                        &lt;interval-ms&gt; &lt;posts&gt; &lt;lone-hides&gt;
 * java bench.endurance.Endurance runs    &lt;mirror-log&gt; &lt;label&gt; &lt;project-to-commits&gt;
 * java bench.endurance.Endurance commits &lt;table-location&gt; &lt;commits&gt; &lt;step-seconds&gt; &lt;label&gt;
 * </pre>
 * A table location is a local directory or {@code s3://bucket/prefix}; on S3 the endpoint is
 * {@code AWS_ENDPOINT_URL_S3} and the keys are the files {@code s3_access_key_id} and {@code s3_secret_access_key} in
 * {@code SECRETS_DIR}, as the library itself reads them.
 */
public final class Endurance {

    private Endurance() {
    }

    public static void main(String[] args) throws Exception {
        // The library logs through JBoss Logging, here onto java.util.logging: its INFO lines (purges, vacuums)
        // would drown the figures.
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        switch (args[0]) {
            case "drive" -> new Drive(args[1], DeltaLog.of(args[2]), Path.of(args[3]), Double.parseDouble(args[4]),
                    Long.parseLong(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7])).run();
            case "runs" -> RunsReport.print(Path.of(args[1]), args[2], Long.parseLong(args[3]));
            case "commits" -> new Week(args[1], Integer.parseInt(args[2]), Duration.ofSeconds(Long.parseLong(args[3])),
                    args[4]).run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }
}

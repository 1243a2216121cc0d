package bench.endurance;

import bench.common.DeltaLog;
import bench.common.Postgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The listening mirror driven through the database: one small change every interval for the given minutes, a hide
 * of an old post, a counter update of a recent one, the unhide, a caption update of a recent one, and again; lone
 * hides before and after.
 */
final class Drive {
    private final String db;
    private final DeltaLog log;
    private final double minutes;
    private final long intervalMillis;
    private final PostPicker pick;
    private final LogWatch watch;
    private final LoneHides loneHides;
    private final Map<String, Integer> sent = new TreeMap<>();

    Drive(String db, DeltaLog log, Path mirrorLog, double minutes, long intervalMillis, int posts, int loneHides) {
        this.db = db;
        this.log = log;
        this.minutes = minutes;
        this.intervalMillis = intervalMillis;
        this.pick = new PostPicker(posts);
        this.watch = new LogWatch(log);
        this.loneHides = new LoneHides(watch, log, mirrorLog, pick, loneHides);
    }

    void run() throws Exception {
        try (Connection connection = Postgres.connect(db, "endurance-bench")) {
            PostChanges changes = new PostChanges(connection);
            loneHides.run("at the start", changes);
            long started = System.nanoTime();
            long end = started + (long) (minutes * 60e9);
            long hidden = -1;
            long next = started;
            for (long step = 0; next < end || hidden >= 0; step++) {
                long wait = (next - System.nanoTime()) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                switch ((int) (step % 4)) {
                    case 0 -> {
                        hidden = pick.oldPost();
                        changes.visible(hidden, false);
                        count("hide");
                    }
                    case 1 -> {
                        changes.like(pick.recentPost());
                        count("counter");
                    }
                    case 2 -> {
                        changes.visible(hidden, true);
                        hidden = -1;
                        count("unhide");
                    }
                    default -> {
                        changes.caption(pick.recentPost(), "edited at step " + step);
                        count("caption");
                    }
                }
                next += intervalMillis * 1_000_000;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int total = sent.values().stream().mapToInt(Integer::intValue).sum();
            System.out.printf("  drive: %d changes in %.1f min (%s), one every %.0f ms%n", total, seconds / 60,
                    sent.toString().replaceAll("[{}]", ""), seconds * 1000 / total);
            loneHides.run("at the end", changes);
            watch.settled();
        }
        System.out.printf("  _delta_log at the end: %d files%n", log.fileCount());
    }

    private void count(String kind) {
        sent.merge(kind, 1, Integer::sum);
    }
}

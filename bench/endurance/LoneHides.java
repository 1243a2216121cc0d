package bench.endurance;

import bench.common.DeltaLog;
import bench.common.NearestRank;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hides posts one at a time with nothing else changing, each followed until the gold table has a version without
 * it (the first version after the UPDATE whose row count is the view's): milliseconds from the UPDATE's commit to
 * that version's commit. Each is shown again afterwards.
 */
final class LoneHides {
    private final LogWatch watch;
    private final DeltaLog log;
    private final Path mirrorLog;
    private final PostPicker pick;
    private final int count;

    LoneHides(LogWatch watch, DeltaLog log, Path mirrorLog, PostPicker pick, int count) {
        this.watch = watch;
        this.log = log;
        this.mirrorLog = mirrorLog;
        this.pick = pick;
        this.count = count;
    }

    void run(String when, PostChanges changes) throws Exception {
        List<Long> millis = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (int h = 0; h < count; h++) {
            long before = watch.settled();
            long post = pick.oldPost();
            long committed = changes.visible(post, false);
            long expectedRows = changes.visibleCount();
            long version = watch.follow(before, expectedRows);
            long latency = log.commitTimestamp(version).orElseThrow(() -> new IllegalStateException(
                    "version " + version + " has no commitInfo timestamp")) - committed;
            millis.add(latency);
            details.add(String.format("%5d ms  version %d, its run %s", latency, version, runOf(version)));
            changes.visible(post, true);
        }
        if (!millis.isEmpty()) {
            System.out.printf("  lone hide %s: median %d ms from the UPDATE's commit to the commit of the"
                    + " version without the post (mirror.listen.debounce, 500 ms, included)%n", when,
                    NearestRank.percentile(millis, 50));
            details.forEach(line -> System.out.println("    " + line));
        }
    }

    /** The duration and requests the mirror's log gives for the run that committed {@code version}. */
    private String runOf(long version) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            for (MirrorRun run : MirrorRun.parse(mirrorLog)) {
                if (run.version() == version) {
                    return run.millis() + " ms, " + run.requests();
                }
            }
            Thread.sleep(100);
        }
        return "not in the log";
    }
}

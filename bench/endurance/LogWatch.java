package bench.endurance;

import bench.common.DeltaLog;
import java.time.Duration;
import java.util.List;

/** Watches the gold table's log for the versions the listening mirror commits. */
final class LogWatch {
    static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("FOLLOW_TIMEOUT_SECONDS", "120")));

    private final DeltaLog log;

    LogWatch(DeltaLog log) {
        this.log = log;
    }

    /** Waits until no new version appeared for 2 s (every earlier change is mirrored); answers the latest. */
    long settled() throws Exception {
        long latest = log.latestVersion();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < 2_000_000_000L) {
            Thread.sleep(100);
            List<Long> newer = log.versionsAfter(latest);
            if (!newer.isEmpty()) {
                latest = newer.get(newer.size() - 1);
                quietSince = System.nanoTime();
            }
        }
        return latest;
    }

    /** The first version after {@code before} that holds exactly {@code rows} rows (its lineage says so). */
    long follow(long before, long rows) throws Exception {
        long deadline = System.nanoTime() + FOLLOW_TIMEOUT.toNanos();
        long checked = before;
        while (System.nanoTime() < deadline) {
            for (long version : log.versionsAfter(checked)) {
                if (log.lineageRows(version) == rows) {
                    return version;
                }
                checked = version;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no version after " + before + " with " + rows + " rows within "
                + FOLLOW_TIMEOUT.toSeconds() + " s");
    }
}

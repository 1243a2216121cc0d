package bench.endurance;

import bench.common.DeltaLog;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.StoreRequests;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A week of commits through {@link GoldTable} ({@link WeekCommits}), with the mirror's upkeep settings (purge within
 * 15 minutes, log retention 2 hours, file retention 1 hour, full vacuum hourly, a checkpoint every 10 versions) on a
 * simulated clock that moves {@code step} per commit. Measured: the store requests, wall and CPU time of the
 * library's calls, the log's file count, and a restarted mirror's cold start and commits at the end against those
 * at commit 100.
 *
 * <p>On S3 the store stamps its own time, which a simulated clock would see as long past (log cleanup would take
 * every commit before the last checkpoint, purges not yet due among them): there the clock is the real one and
 * each commit purges what it removed right away (purge.within=0, as a mirror run as a CronJob does), so that the
 * purge is part of every commit; within the run's wall time the log outlives nothing and grows by every commit.
 */
final class Week {
    static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String location;
    private final int commits;
    private final Duration step;
    private final boolean simulated;
    private final GoldTableOptions options;
    private final DeltaLog log;
    private final WeekCommits work;
    private final WeekReport report;

    Week(String location, int commits, Duration step, String label) {
        this.location = location;
        this.commits = commits - commits % 100;
        this.step = step;
        Optional<Path> localTable = location.startsWith("s3://") || location.startsWith("s3a://") ? Optional.empty()
                : Optional.of(Path.of(location));
        this.simulated = localTable.isPresent();
        SimulatedClock clock = new SimulatedClock();
        GoldTableOptions mirrors = GoldTableOptions.defaults()
                .withRetention(Duration.ofHours(2), Duration.ofHours(1)).withCheckpointInterval(10)
                .withVacuumEvery(Duration.ofHours(1));
        this.options = simulated ? mirrors.withPurgeWithin(Duration.ofMinutes(15)).withClock(clock)
                : mirrors.withPurgeWithin(Duration.ZERO);
        this.log = DeltaLog.of(location);
        this.work = new WeekCommits(clock, step, new SimulatedFileTimes(localTable, clock));
        this.report = new WeekReport(label, this.commits);
    }

    void run() throws IOException {
        if (commits < 200) {
            throw new IllegalArgumentException("at least 200 commits");
        }
        report.start(step, simulated);
        GoldTable table = new GoldTable(location, options);
        work.create(table);
        report.columns();
        // After commit i: the requests made and the library's wall and CPU time since the table was created.
        StoreRequests[] requests = new StoreRequests[commits + 1];
        long[] nanos = new long[commits + 1];
        long[] cpu = new long[commits + 1];
        requests[0] = table.storeRequests();
        StoreRequests coldAt100 = null;
        int window = Math.min(100, commits / 10);
        long started = System.nanoTime();
        for (int i = 1; i <= commits; i++) {
            long cpuBefore = THREADS.getCurrentThreadCpuTime();
            nanos[i] = nanos[i - 1] + work.commit(table, i);
            cpu[i] = cpu[i - 1] + THREADS.getCurrentThreadCpuTime() - cpuBefore;
            requests[i] = table.storeRequests();
            if (i == 100) {
                coldAt100 = coldStart();
            }
            if (i == 100 || i % (commits / 10) == 0) {
                report.row(i, window, requests[i].minus(requests[i - window]), nanos[i] - nanos[i - window],
                        cpu[i] - cpu[i - window], log.fileCount());
            }
        }
        StoreRequests at100 = requests[110].minus(requests[100]);
        StoreRequests lastCycle = requests[commits].minus(requests[commits - 10]);
        report.totals(System.nanoTime() - started, nanos[commits], cpu[commits], work.upkeepFailures(),
                work.firstUpkeepFailure());

        // The same table as a restarted mirror meets it: a new instance's first look and upkeep, then its commits.
        StoreRequests coldAtEnd = coldStart();
        GoldTable fresh = new GoldTable(location, options);
        fresh.current().orElseThrow();
        fresh.upkeepDue();
        StoreRequests freshStart = fresh.storeRequests();
        for (int i = commits + 1; i <= commits + 10; i++) {
            work.commit(fresh, i);
        }
        StoreRequests freshCycle = fresh.storeRequests().minus(freshStart);
        report.restart(coldAt100, coldAtEnd, at100, lastCycle, freshCycle);
        long cleanupFrom = options.logRetention().toSeconds() / step.toSeconds() + 1;
        report.verdict(at100, lastCycle, coldAt100, coldAtEnd, simulated, cleanupFrom);
    }

    private StoreRequests coldStart() {
        GoldTable cold = new GoldTable(location, options);
        cold.current().orElseThrow();
        cold.upkeepDue();
        return cold.storeRequests();
    }
}

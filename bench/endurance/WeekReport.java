package bench.endurance;

import com.summitlakehouse.delta.StoreRequests;
import java.time.Duration;

/** The printed figures of the week of commits: a row every 10%, the totals, the restart and the verdict. */
final class WeekReport {
    private final String label;
    private final int commits;

    WeekReport(String label, int commits) {
        this.label = label;
        this.commits = commits;
    }

    void start(Duration step, boolean simulated) {
        System.out.printf("== %,d commits through GoldTable on %s: one day of %d (%d rows each) rewritten per"
                + " commit, %s%n", commits, label, WeekCommits.DAYS, WeekCommits.ROWS_PER_DAY, simulated
                        ? String.format("a commit every %d s of simulated time (%.1f days): purge within 15m, log"
                                + " retention 2h, file retention 1h, vacuum hourly", step.toSeconds(),
                                step.multipliedBy(commits).toMinutes() / 1440.0)
                        : "in real time: purge right after each commit, log retention 2h, file retention 1h");
    }

    /** The table's head, printed once the table is made. */
    void columns() {
        System.out.println("   commit    requests per 100 commits          per 100 commits       _delta_log");
        System.out.println("             lists  reads  writes  deletes     wall      CPU          files");
    }

    /** The {@code window} commits up to commit {@code i}, scaled to 100. */
    void row(int i, int window, StoreRequests requests, long wallNanos, long cpuNanos, long logFiles) {
        double per100 = 100.0 / window;
        System.out.printf("   %,7d    %5.0f  %5.0f  %6.0f  %7.0f   %6.2f s  %6.2f s     %6d%n", i,
                requests.lists() * per100, requests.reads() * per100, requests.writes() * per100,
                requests.deletes() * per100, wallNanos * per100 / 1e9, cpuNanos * per100 / 1e9, logFiles);
    }

    void totals(long elapsedNanos, long libraryNanos, long cpuNanos, long upkeepFailures, String firstUpkeepFailure) {
        System.out.printf("   %,d commits in %.1f min of wall time (the library's calls %.1f min, %.1f min of"
                + " CPU)%s%n", commits, elapsedNanos / 60e9, libraryNanos / 60e9, cpuNanos / 60e9,
                upkeepFailures == 0 ? "" : "; " + upkeepFailures + " commits reported upkeep failures, the first: "
                        + firstUpkeepFailure);
    }

    void restart(StoreRequests coldAt100, StoreRequests coldAtEnd, StoreRequests at100, StoreRequests lastCycle,
            StoreRequests freshCycle) {
        System.out.printf("   cold start of a new GoldTable instance (first look and upkeep): %s at commit 100,"
                + " %s at commit %,d%n", coldAt100, coldAtEnd, commits);
        System.out.printf("   10 commits (one checkpoint cycle): %s after commit 100; %s after commit %,d;"
                + " %s by the new instance after its cold start%n", at100, lastCycle, commits - 10, freshCycle);
    }

    /**
     * Whether the end costs what commit 100 did; deletes may differ once log cleanup starts, from
     * {@code cleanupFrom} on (simulated time only).
     */
    void verdict(StoreRequests at100, StoreRequests lastCycle, StoreRequests coldAt100, StoreRequests coldAtEnd,
            boolean simulated, long cleanupFrom) {
        boolean same = lastCycle.lists() == at100.lists() && lastCycle.reads() == at100.reads()
                && lastCycle.writes() == at100.writes();
        System.out.printf("   verdict (%s): lists, reads and writes of ten commits at the end %s those after commit"
                + " 100; deletes %d vs %d%s; a cold start at the end %s%n", label, same ? "equal" : "DIFFER from",
                lastCycle.deletes(), at100.deletes(), lastCycle.deletes() == at100.deletes() ? ""
                        : simulated && commits >= cleanupFrom ? " (from commit " + cleanupFrom + " on, when the"
                                + " first commits pass the log retention, each checkpoint also deletes the commits"
                                + " and checksums that expired)" : "",
                coldAtEnd.equals(coldAt100) ? "costs what one at commit 100 did"
                        : "DIFFERS from one at commit 100");
    }
}

package bench.endurance;

import bench.common.NearestRank;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The mirror's log read back, per decile of the commits after the start-up run: median and p95 run duration, median
 * requests by kind, of every run and of the runs that rewrote one group (a run rewrites two when two changes fall
 * within one debounce, and costs more for it: like is compared with like); the least-squares slope of duration
 * against commit number and where it leads; a one-line verdict.
 */
final class RunsReport {

    private RunsReport() {
    }

    static void print(Path mirrorLog, String label, long projectTo) throws IOException {
        List<MirrorRun> all = MirrorRun.parse(mirrorLog);
        List<MirrorRun> runs = all.subList(Math.min(1, all.size()), all.size()); // the first: the start-up full mirror
        long failed = Files.readAllLines(mirrorLog).stream().filter(l -> l.contains("mirror social_posts: failed"))
                .count();
        int n = runs.size();
        if (n < 10) {
            System.out.printf("  %d commits after the start-up run: too few for deciles%n", n);
            return;
        }
        System.out.printf("  %d commits after the start-up run (versions %d to %d), %d failed runs%n", n,
                runs.get(0).version(), runs.get(n - 1).version(), failed);
        System.out.printf("  %6s  %-11s %10s %10s %6s   %s%n", "decile", "commits", "groups/run", "run ms p50", "p95",
                "requests p50, lists/reads/writes/deletes:");
        System.out.printf("  %6s  %-11s %10s %10s %6s   %-12s %s%n", "", "", "", "", "", "every run", "one-group runs");
        long[][] medians = new long[10][];
        long[][] single = new long[10][];
        long[] durationMedians = new long[10];
        long[] singleDurations = new long[10];
        for (int d = 0; d < 10; d++) {
            List<MirrorRun> slice = runs.subList(d * n / 10, (d + 1) * n / 10);
            List<MirrorRun> oneGroup = slice.stream().filter(r -> r.groups() == 1).toList();
            medians[d] = medianRequests(slice);
            single[d] = medianRequests(oneGroup);
            durationMedians[d] = NearestRank.percentile(slice.stream().map(MirrorRun::millis).toList(), 50);
            singleDurations[d] = oneGroup.isEmpty() ? 0
                    : NearestRank.percentile(oneGroup.stream().map(MirrorRun::millis).toList(), 50);
            System.out.printf("  %6d  %-11s %10.2f %10d %6d   %-12s %s%n", d + 1,
                    (d * n / 10 + 1) + "-" + (d + 1) * n / 10,
                    slice.stream().mapToInt(MirrorRun::groups).average().orElse(0), durationMedians[d],
                    NearestRank.percentile(slice.stream().map(MirrorRun::millis).toList(), 95), text(medians[d]),
                    text(single[d]));
        }
        // Least squares of duration (ms) on commit number, from the second decile on: the first holds the JVM's
        // warm-up, which a week of runs does not see again.
        int from = n / 10;
        double meanX = 0;
        double meanY = 0;
        for (int i = from; i < n; i++) {
            meanX += i + 1;
            meanY += runs.get(i).millis();
        }
        meanX /= n - from;
        meanY /= n - from;
        double sxy = 0;
        double sxx = 0;
        for (int i = from; i < n; i++) {
            double dx = (i + 1) - meanX;
            sxy += dx * (runs.get(i).millis() - meanY);
            sxx += dx * dx;
        }
        double slope = sxy / sxx;
        double projected = meanY + slope * (projectTo - meanX);
        System.out.printf("  run duration vs commit number (least squares, commits %d-%d): slope %+.4f ms per commit"
                + " (%+.1f ms per 1,000 commits); projected at commit %,d: %.0f ms%s%n", from + 1, n, slope,
                slope * 1000, projectTo, projected, projected < 0 ? " (a falling trend: the fit says nothing there)"
                        : String.format(" (%.1fx the fitted mean %.0f ms)", projected / meanY, meanY));
        boolean flat = Arrays.equals(single[0], single[9]);
        System.out.printf("  verdict (%s): requests %s: one-group runs' median %s in the first decile, %s in the last"
                + " (every run: %s, %s); run duration last/first decile median %.2fx (one-group runs %.2fx)%n", label,
                flat ? "flat" : "NOT flat", text(single[0]), text(single[9]), text(medians[0]), text(medians[9]),
                durationMedians[9] / (double) Math.max(1, durationMedians[0]),
                singleDurations[9] / (double) Math.max(1, singleDurations[0]));
    }

    /** Median lists, reads, writes and deletes of the runs; empty when there are none. */
    private static long[] medianRequests(List<MirrorRun> runs) {
        if (runs.isEmpty()) {
            return new long[0];
        }
        return new long[] {
            NearestRank.percentile(runs.stream().map(r -> r.requests().lists()).toList(), 50),
            NearestRank.percentile(runs.stream().map(r -> r.requests().reads()).toList(), 50),
            NearestRank.percentile(runs.stream().map(r -> r.requests().writes()).toList(), 50),
            NearestRank.percentile(runs.stream().map(r -> r.requests().deletes()).toList(), 50)};
    }

    private static String text(long[] requests) {
        if (requests.length == 0) {
            return "none";
        }
        return requests[0] + "/" + requests[1] + "/" + requests[2] + "/" + requests[3];
    }
}

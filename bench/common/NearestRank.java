package bench.common;

import java.util.List;

/** Nearest-rank percentiles: always a value that was measured, never one interpolated between two. */
public final class NearestRank {

    private NearestRank() {
    }

    public static long percentile(List<Long> values, int percent) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(index(sorted.size(), percent));
    }

    /** Of values already sorted. */
    public static double percentile(double[] sorted, int percent) {
        return sorted[index(sorted.length, percent)];
    }

    private static int index(int size, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * size);
        return Math.max(0, Math.min(size - 1, rank - 1));
    }
}

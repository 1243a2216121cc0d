package bench.endurance;

import bench.common.SeededPosts;
import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GroupLayout;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.RowGroup;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.TableVersion;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The commits of a simulated week, as a listening mirror makes them: a grouped table of 35 days of posts, each
 * commit rewriting one day (every other commit the newest, where engagement lands; in between a random older one,
 * as moderation does), the clock moved by {@code step} before each and the files it wrote given that time.
 */
final class WeekCommits {
    static final int DAYS = 35;
    static final int ROWS_PER_DAY = Integer.parseInt(System.getenv().getOrDefault("ROWS_PER_DAY", "100"));
    static final TableSchema SCHEMA = new TableSchema(List.of(
            new Column("id", ColumnType.LONG, false, "Post number"),
            new Column("platform", ColumnType.STRING, true, "Where it was posted"),
            new Column("caption", ColumnType.STRING, true, "The post's text"),
            new Column("posted_at", ColumnType.TIMESTAMP, true, "When it was posted, UTC"),
            new Column("like_count", ColumnType.INTEGER, true, "Likes"),
            new Column("hashtags", ColumnType.STRING_ARRAY, true, "Hashtags")));
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 7, 1);

    private final SimulatedClock clock;
    private final Duration step;
    private final SimulatedFileTimes fileTimes;
    private final Random random = new Random(20260701);
    private long upkeepFailures;
    private String firstUpkeepFailure;

    WeekCommits(SimulatedClock clock, Duration step, SimulatedFileTimes fileTimes) {
        this.clock = clock;
        this.step = step;
        this.fileTimes = fileTimes;
    }

    /** Commits reporting an upkeep failure so far, and the first such failure. */
    long upkeepFailures() {
        return upkeepFailures;
    }

    String firstUpkeepFailure() {
        return firstUpkeepFailure;
    }

    void create(GoldTable table) throws IOException {
        List<RowGroup> groups = new ArrayList<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (int d = 0; d < DAYS; d++) {
            groups.add(day(d, 0));
            fingerprints.put(FIRST_DAY.plusDays(d).toString(), "0");
        }
        table.overwrite(SCHEMA, groups, new GroupLayout("endurance", fingerprints),
                new Lineage("endurance://posts", "fp-0", "endurance-bench", "1", (long) DAYS * ROWS_PER_DAY),
                Optional.empty());
        fileTimes.stamp(0, Optional.empty());
    }

    /** One run: looks at the table, rewrites one day on top of what it saw. Answers the library's wall time. */
    long commit(GoldTable table, int i) throws IOException {
        clock.advance(step);
        int d = i % 2 == 0 ? DAYS - 1 : random.nextInt(DAYS - 1);
        long started = System.nanoTime();
        TableVersion current = table.current().orElseThrow();
        Map<String, String> fingerprints = new TreeMap<>(current.groups().orElseThrow().fingerprints());
        RowGroup changed = day(d, i);
        fingerprints.put(changed.name(), Integer.toString(i));
        OverwriteResult result = table.replaceGroups(SCHEMA, List.of(changed), Set.of(),
                new GroupLayout("endurance", fingerprints),
                new Lineage("endurance://posts", "fp-" + i, "endurance-bench", "1", (long) DAYS * ROWS_PER_DAY),
                current);
        long nanos = System.nanoTime() - started;
        if (!result.upkeepFailures().isEmpty() && upkeepFailures++ == 0) {
            firstUpkeepFailure = result.upkeepFailures().get(0);
        }
        fileTimes.stamp(result.version(), Optional.of(changed.name()));
        return nanos;
    }

    private RowGroup day(int d, int commit) {
        LocalDate day = FIRST_DAY.plusDays(d);
        return new RowGroup(day.toString(), ROWS_PER_DAY, () -> {
            Iterator<Integer> k = java.util.stream.IntStream.range(0, ROWS_PER_DAY).iterator();
            return new Iterator<>() {
                public boolean hasNext() {
                    return k.hasNext();
                }

                public Object[] next() {
                    int n = k.next();
                    long id = (long) d * ROWS_PER_DAY + n;
                    return new Object[] {id, SeededPosts.platform(id), "Day " + (d + 1) + ", post " + n,
                        day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(n * 86_400L / ROWS_PER_DAY),
                        (int) ((id * 37 + commit) % 5000), List.of("summitroadtrip", "city" + (id % 25))};
                }
            };
        });
    }
}

import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GroupLayout;
import com.summitlakehouse.delta.Lineage;
import com.summitlakehouse.delta.OverwriteResult;
import com.summitlakehouse.delta.RowGroup;
import com.summitlakehouse.delta.StoreRequests;
import com.summitlakehouse.delta.TableSchema;
import com.summitlakehouse.delta.TableVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The load and the measurements of bench/endurance.sh: whether the listening mirror costs the same late in a table's
 * life as early on.
 *
 * <p>{@code drive}: one small change every interval through plain UPDATE statements on an autocommit connection
 * (what a psql session sends; migration V12's triggers notify the listening mirror), alternating a hide and later
 * the unhide of a random old post with a counter or caption update of a recent one; before the first change and
 * after the last, lone hides followed into the gold table (from the UPDATE's commit to the commit of the version that
 * no longer holds the post), and at the end the {@code _delta_log}'s file count.
 * {@code runs}: the mirror's log read back, per decile of commits.
 * {@code commits}: commits made directly through {@link GoldTable}, one day rewritten each, with the mirror's upkeep
 * settings; on local disk on a simulated clock (a commit every {@code step}), as a week of a listening mirror's life.
 *
 * <p>The posts are those bench/endurance.sh seeds: post i is {@code bench-i} on platform i % 6, the posts spread
 * evenly over the 35 days before the seeding, post 1 the newest.
 *
 * <p>Usage (class path: mirror-service/target/quarkus-app/lib/main/* and lib/boot's jboss-logging jar):
 * <pre>
 * java Endurance drive   &lt;db&gt; &lt;table-location&gt; &lt;mirror-log&gt; &lt;minutes&gt; &lt;interval-ms&gt;
 *                        &lt;posts&gt; &lt;lone-hides&gt;
 * java Endurance runs    &lt;mirror-log&gt; &lt;label&gt; &lt;project-to-commits&gt;
 * java Endurance commits &lt;table-location&gt; &lt;commits&gt; &lt;step-seconds&gt; &lt;label&gt;
 * </pre>
 * A table location is a local directory or {@code s3://bucket/prefix}; on S3 the endpoint is
 * {@code AWS_ENDPOINT_URL_S3} and the keys are the files {@code s3_access_key_id} and {@code s3_secret_access_key} in
 * {@code SECRETS_DIR}, as the library itself reads them.
 */
public class Endurance {

    static final String[] PLATFORMS = {"instagram", "tiktok", "x", "facebook", "youtube", "threads"};
    static final Duration FOLLOW_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("FOLLOW_TIMEOUT_SECONDS", "120")));

    public static void main(String[] args) throws Exception {
        // The library logs through JBoss Logging, here onto java.util.logging: its INFO lines (purges, vacuums)
        // would drown the figures.
        java.util.logging.Logger.getLogger("").setLevel(Level.WARNING);
        switch (args[0]) {
            case "drive" -> new Drive(args[1], LogDirectory.of(args[2]), Path.of(args[3]), Double.parseDouble(args[4]),
                    Long.parseLong(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7])).run();
            case "runs" -> runs(Path.of(args[1]), args[2], Long.parseLong(args[3]));
            case "commits" -> new Week(args[1], Integer.parseInt(args[2]), Duration.ofSeconds(Long.parseLong(args[3])),
                    args[4]).run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // --- Part 1: the listening mirror, driven through the database ----------------------------------------------

    static final class Drive {
        private final String db;
        private final LogDirectory log;
        private final Path mirrorLog;
        private final double minutes;
        private final long intervalMillis;
        private final int posts;
        private final int loneHides;
        private final Random random = new Random(20260701);
        private final Map<String, Integer> sent = new TreeMap<>();

        Drive(String db, LogDirectory log, Path mirrorLog, double minutes, long intervalMillis, int posts,
                int loneHides) {
            this.db = db;
            this.log = log;
            this.mirrorLog = mirrorLog;
            this.minutes = minutes;
            this.intervalMillis = intervalMillis;
            this.posts = posts;
            this.loneHides = loneHides;
        }

        void run() throws Exception {
            try (Connection connection = connect(db, "endurance-bench")) {
                Posts changes = new Posts(connection);
                loneHides("at the start", changes);
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
                            hidden = oldPost();
                            changes.visible(hidden, false);
                            count("hide");
                        }
                        case 1 -> {
                            changes.like(recentPost());
                            count("counter");
                        }
                        case 2 -> {
                            changes.visible(hidden, true);
                            hidden = -1;
                            count("unhide");
                        }
                        default -> {
                            changes.caption(recentPost(), "edited at step " + step);
                            count("caption");
                        }
                    }
                    next += intervalMillis * 1_000_000;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                int total = sent.values().stream().mapToInt(Integer::intValue).sum();
                System.out.printf("  drive: %d changes in %.1f min (%s), one every %.0f ms%n", total, seconds / 60,
                        sent.toString().replaceAll("[{}]", ""), seconds * 1000 / total);
                loneHides("at the end", changes);
                settled();
            }
            System.out.printf("  _delta_log at the end: %d files%n", log.fileCount());
        }

        private void count(String kind) {
            sent.merge(kind, 1, Integer::sum);
        }

        /** A post older than a week: its day is rewritten only by moderation. */
        private long oldPost() {
            return posts / 5 + 1 + random.nextInt(posts - posts / 5);
        }

        /** A post of the newest day, where engagement and edits land. */
        private long recentPost() {
            return 1 + random.nextInt(Math.max(1, posts / 35));
        }

        /**
         * Hides posts one at a time with nothing else changing, each followed until the gold table has a version
         * without it (the first version after the UPDATE whose row count is the view's): seconds from the UPDATE's
         * commit to that version's commit. Each is shown again afterwards.
         */
        private void loneHides(String when, Posts changes) throws Exception {
            List<Long> millis = new ArrayList<>();
            List<String> details = new ArrayList<>();
            for (int h = 0; h < loneHides; h++) {
                long before = settled();
                long post = oldPost();
                long committed = changes.visible(post, false);
                long expectedRows = changes.visibleCount();
                long version = follow(before, expectedRows);
                long latency = log.commitTimestamp(version) - committed;
                millis.add(latency);
                details.add(String.format("%5d ms  version %d, its run %s", latency, version, runOf(version)));
                changes.visible(post, true);
            }
            if (!millis.isEmpty()) {
                System.out.printf("  lone hide %s: median %d ms from the UPDATE's commit to the commit of the"
                        + " version without the post (mirror.listen.debounce, 500 ms, included)%n", when,
                        percentile(millis, 50));
                details.forEach(line -> System.out.println("    " + line));
            }
        }

        /** Waits until no new version appeared for 2 s (every earlier change is mirrored); answers the latest. */
        private long settled() throws Exception {
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
        private long follow(long before, long rows) throws Exception {
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

        /** The duration and requests the mirror's log gives for the run that committed {@code version}. */
        private String runOf(long version) throws Exception {
            for (int attempt = 0; attempt < 50; attempt++) {
                for (Run run : Run.parse(mirrorLog)) {
                    if (run.version() == version) {
                        return run.millis() + " ms, " + run.requests();
                    }
                }
                Thread.sleep(100);
            }
            return "not in the log";
        }

        /** The seeded posts, changed as an administrator's psql session would change them. */
        final class Posts {
            private final Connection connection;

            Posts(Connection connection) {
                this.connection = connection;
            }

            /** Answers when the UPDATE had committed (autocommit: when the statement returned), epoch millis. */
            long visible(long post, boolean visible) throws SQLException {
                update("UPDATE social_posts SET is_visible = ?, moderated_at = now()"
                        + " WHERE platform = ? AND external_id = ?", visible, post);
                return System.currentTimeMillis();
            }

            void like(long post) throws SQLException {
                update("UPDATE social_posts SET like_count = like_count + 1 WHERE platform = ? AND external_id = ?",
                        null, post);
            }

            void caption(long post, String note) throws SQLException {
                update("UPDATE social_posts SET caption = 'Day ' || (? % 35 + 1) || ' of the journey (' || ? || ')'"
                        + " WHERE platform = ? AND external_id = ?", note, post);
            }

            long visibleCount() throws SQLException {
                try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM mirror.social_posts");
                        ResultSet row = count.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }

            private void update(String sql, Object value, long post) throws SQLException {
                try (PreparedStatement update = connection.prepareStatement(sql)) {
                    int p = 1;
                    if (value instanceof Boolean visible) {
                        update.setBoolean(p++, visible);
                    } else if (value instanceof String note) {
                        update.setLong(p++, post);
                        update.setString(p++, note);
                    }
                    update.setString(p++, PLATFORMS[(int) (post % 6)]);
                    update.setString(p, "bench-" + post);
                    if (update.executeUpdate() != 1) {
                        throw new IllegalStateException("post bench-" + post + " is not there");
                    }
                }
            }
        }
    }

    static Connection connect(String db, String applicationName) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", applicationName);
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:5432/" + db, properties);
    }

    // --- The mirror's log, per decile of commits ------------------------------------------------------------------

    /** One committed run of the posts mirror, as its summary line says: its version, duration, groups rewritten. */
    record Run(long version, long millis, int groups, StoreRequests requests) {
        static final Pattern LINE = Pattern.compile("mirror social_posts: mirrored rows=\\d+ version=(\\d+) "
                + "duration=(\\d+)ms(.*) store\\[lists=(\\d+) reads=(\\d+) writes=(\\d+) deletes=(\\d+)]$");
        static final Pattern REWROTE = Pattern.compile("rewrote (\\d+) of");

        static List<Run> parse(Path log) throws IOException {
            List<Run> runs = new ArrayList<>();
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    Matcher rewrote = REWROTE.matcher(m.group(3));
                    runs.add(new Run(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                            rewrote.find() ? Integer.parseInt(rewrote.group(1)) : -1, new StoreRequests(
                            Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                            Long.parseLong(m.group(7)))));
                }
            }
            return runs;
        }
    }

    /**
     * Per decile of the commits after the start-up run: median and p95 run duration, median requests by kind, of
     * every run and of the runs that rewrote one group (a run rewrites two when two changes fall within one debounce,
     * and costs more for it: like is compared with like); the least-squares slope of duration against commit number
     * and where it leads; a one-line verdict.
     */
    static void runs(Path mirrorLog, String label, long projectTo) throws IOException {
        List<Run> all = Run.parse(mirrorLog);
        List<Run> runs = all.subList(Math.min(1, all.size()), all.size()); // the first is the start-up full mirror
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
            List<Run> slice = runs.subList(d * n / 10, (d + 1) * n / 10);
            List<Run> oneGroup = slice.stream().filter(r -> r.groups() == 1).toList();
            medians[d] = medianRequests(slice);
            single[d] = medianRequests(oneGroup);
            durationMedians[d] = percentile(slice.stream().map(Run::millis).toList(), 50);
            singleDurations[d] = oneGroup.isEmpty() ? 0 : percentile(oneGroup.stream().map(Run::millis).toList(), 50);
            System.out.printf("  %6d  %-11s %10.2f %10d %6d   %-12s %s%n", d + 1,
                    (d * n / 10 + 1) + "-" + (d + 1) * n / 10, slice.stream().mapToInt(Run::groups).average().orElse(0),
                    durationMedians[d], percentile(slice.stream().map(Run::millis).toList(), 95), text(medians[d]),
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
    static long[] medianRequests(List<Run> runs) {
        if (runs.isEmpty()) {
            return new long[0];
        }
        return new long[] {
            percentile(runs.stream().map(r -> r.requests().lists()).toList(), 50),
            percentile(runs.stream().map(r -> r.requests().reads()).toList(), 50),
            percentile(runs.stream().map(r -> r.requests().writes()).toList(), 50),
            percentile(runs.stream().map(r -> r.requests().deletes()).toList(), 50)};
    }

    static String text(long[] requests) {
        if (requests.length == 0) {
            return "none";
        }
        return requests[0] + "/" + requests[1] + "/" + requests[2] + "/" + requests[3];
    }

    /** Nearest-rank percentile. */
    static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    // --- Part 2: a week of commits through the library -------------------------------------------------------------

    /**
     * The clock of a simulated week: it moves only when told (one step per commit). It starts 30 days ahead of the
     * machine's clock, so that a file the store stamped in real time is told apart from one already given simulated
     * time (see {@link Week#stamp}).
     */
    static final class SimulatedClock extends Clock {
        private final long start = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        private volatile long now = start;

        void advance(Duration step) {
            now += step.toMillis();
        }

        long start() {
            return start;
        }

        @Override
        public long millis() {
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * Commits through {@link GoldTable} as a listening mirror makes them: a grouped table of 35 days of posts, each
     * commit rewriting one day (every other commit the newest, where engagement lands; in between a random older one,
     * as moderation does), with the mirror's upkeep settings (purge within 15 minutes, log retention 2 hours, file
     * retention 1 hour, full vacuum hourly, a checkpoint every 10 versions) on a simulated clock that moves
     * {@code step} per commit; every file a commit wrote is given its simulated time, as a store would have stamped
     * it that late, so that log cleanup and vacuum judge ages as they would in a week.
     *
     * <p>On S3 the store stamps its own time, which a simulated clock would see as long past (log cleanup would take
     * every commit before the last checkpoint, purges not yet due among them): there the clock is the real one and
     * each commit purges what it removed right away (purge.within=0, as a mirror run as a CronJob does), so that the
     * purge is part of every commit; within the run's wall time the log outlives nothing and grows by every commit.
     */
    static final class Week {
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
        static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        private final String location;
        private final int commits;
        private final Duration step;
        private final String label;
        private final SimulatedClock clock = new SimulatedClock();
        private final boolean simulated;
        private final GoldTableOptions options;
        private final LogDirectory log;
        private final Optional<Path> localTable;
        private final Random random = new Random(20260701);
        private long upkeepFailures;
        private String firstUpkeepFailure;

        Week(String location, int commits, Duration step, String label) {
            this.location = location;
            this.commits = commits - commits % 100;
            this.step = step;
            this.label = label;
            this.localTable = location.startsWith("s3://") || location.startsWith("s3a://") ? Optional.empty()
                    : Optional.of(Path.of(location));
            this.simulated = localTable.isPresent();
            GoldTableOptions mirrors = GoldTableOptions.defaults()
                    .withRetention(Duration.ofHours(2), Duration.ofHours(1)).withCheckpointInterval(10)
                    .withVacuumEvery(Duration.ofHours(1));
            this.options = simulated ? mirrors.withPurgeWithin(Duration.ofMinutes(15)).withClock(clock)
                    : mirrors.withPurgeWithin(Duration.ZERO);
            this.log = LogDirectory.of(location);
        }

        void run() throws IOException {
            if (commits < 200) {
                throw new IllegalArgumentException("at least 200 commits");
            }
            System.out.printf("== %,d commits through GoldTable on %s: one day of %d (%d rows each) rewritten per"
                    + " commit, %s%n", commits, label, DAYS, ROWS_PER_DAY, simulated
                            ? String.format("a commit every %d s of simulated time (%.1f days): purge within 15m, log"
                                    + " retention 2h, file retention 1h, vacuum hourly", step.toSeconds(),
                                    step.multipliedBy(commits).toMinutes() / 1440.0)
                            : "in real time: purge right after each commit, log retention 2h, file retention 1h");
            GoldTable table = new GoldTable(location, options);
            create(table);
            System.out.println("   commit    requests per 100 commits          per 100 commits       _delta_log");
            System.out.println("             lists  reads  writes  deletes     wall      CPU          files");
            // After commit i: the requests made and the library's wall time since the table was created.
            StoreRequests[] requests = new StoreRequests[commits + 1];
            long[] nanos = new long[commits + 1];
            long[] cpu = new long[commits + 1];
            requests[0] = table.storeRequests();
            StoreRequests coldAt100 = null;
            int window = Math.min(100, commits / 10);
            long started = System.nanoTime();
            for (int i = 1; i <= commits; i++) {
                long cpuBefore = THREADS.getCurrentThreadCpuTime();
                nanos[i] = nanos[i - 1] + commit(table, i);
                cpu[i] = cpu[i - 1] + THREADS.getCurrentThreadCpuTime() - cpuBefore;
                requests[i] = table.storeRequests();
                if (i == 100) {
                    coldAt100 = coldStart();
                }
                if (i == 100 || i % (commits / 10) == 0) {
                    StoreRequests last = requests[i].minus(requests[i - window]);
                    double per100 = 100.0 / window;
                    System.out.printf("   %,7d    %5.0f  %5.0f  %6.0f  %7.0f   %6.2f s  %6.2f s     %6d%n", i,
                            last.lists() * per100, last.reads() * per100, last.writes() * per100,
                            last.deletes() * per100, (nanos[i] - nanos[i - window]) * per100 / 1e9,
                            (cpu[i] - cpu[i - window]) * per100 / 1e9, log.fileCount());
                }
            }
            StoreRequests at100 = requests[110].minus(requests[100]);
            StoreRequests lastCycle = requests[commits].minus(requests[commits - 10]);
            System.out.printf("   %,d commits in %.1f min of wall time (the library's calls %.1f min, %.1f min of"
                    + " CPU)%s%n", commits, (System.nanoTime() - started) / 60e9, nanos[commits] / 60e9,
                    cpu[commits] / 60e9, upkeepFailures == 0 ? "" : "; " + upkeepFailures + " commits reported upkeep"
                            + " failures, the first: " + firstUpkeepFailure);

            // The same table as a restarted mirror meets it: a new instance's first look and upkeep, then its commits.
            StoreRequests coldAtEnd = coldStart();
            GoldTable fresh = new GoldTable(location, options);
            fresh.current().orElseThrow();
            fresh.upkeepDue();
            StoreRequests freshStart = fresh.storeRequests();
            for (int i = commits + 1; i <= commits + 10; i++) {
                commit(fresh, i);
            }
            StoreRequests freshCycle = fresh.storeRequests().minus(freshStart);
            System.out.printf("   cold start of a new GoldTable instance (first look and upkeep): %s at commit 100,"
                    + " %s at commit %,d%n", coldAt100, coldAtEnd, commits);
            System.out.printf("   10 commits (one checkpoint cycle): %s after commit 100; %s after commit %,d;"
                    + " %s by the new instance after its cold start%n", at100, lastCycle, commits - 10, freshCycle);
            boolean same = lastCycle.lists() == at100.lists() && lastCycle.reads() == at100.reads()
                    && lastCycle.writes() == at100.writes();
            long cleanupFrom = options.logRetention().toSeconds() / step.toSeconds() + 1;
            System.out.printf("   verdict (%s): lists, reads and writes of ten commits at the end %s those after commit"
                    + " 100; deletes %d vs %d%s; a cold start at the end %s%n", label, same ? "equal" : "DIFFER from",
                    lastCycle.deletes(), at100.deletes(), lastCycle.deletes() == at100.deletes() ? ""
                            : simulated && commits >= cleanupFrom ? " (from commit " + cleanupFrom + " on, when the"
                                    + " first commits pass the log retention, each checkpoint also deletes the commits"
                                    + " and checksums that expired)" : "",
                    coldAtEnd.equals(coldAt100) ? "costs what one at commit 100 did"
                            : "DIFFERS from one at commit 100");
        }

        private StoreRequests coldStart() {
            GoldTable cold = new GoldTable(location, options);
            cold.current().orElseThrow();
            cold.upkeepDue();
            return cold.storeRequests();
        }

        private void create(GoldTable table) throws IOException {
            List<RowGroup> groups = new ArrayList<>();
            Map<String, String> fingerprints = new TreeMap<>();
            for (int d = 0; d < DAYS; d++) {
                groups.add(day(d, 0));
                fingerprints.put(FIRST_DAY.plusDays(d).toString(), "0");
            }
            table.overwrite(SCHEMA, groups, new GroupLayout("endurance", fingerprints),
                    new Lineage("endurance://posts", "fp-0", "endurance-bench", "1", (long) DAYS * ROWS_PER_DAY),
                    Optional.empty());
            stamp(0, Optional.empty());
        }

        /** One run: looks at the table, rewrites one day on top of what it saw. Answers the library's wall time. */
        private long commit(GoldTable table, int i) throws IOException {
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
            stamp(result.version(), Optional.of(changed.name()));
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
                        return new Object[] {id, PLATFORMS[(int) (id % 6)], "Day " + (d + 1) + ", post " + n,
                            day.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(n * 86_400L / ROWS_PER_DAY),
                            (int) ((id * 37 + commit) % 5000), List.of("summitroadtrip", "city" + (id % 25))};
                    }
                };
            });
        }

        /**
         * On local disk: the files of {@code version} in the log, {@code _last_checkpoint}, and the new files of the
         * rewritten day get the simulated time (whatever still has a real, earlier time). Not counted as requests,
         * and outside the timed calls.
         */
        private void stamp(long version, Optional<String> day) throws IOException {
            if (localTable.isEmpty()) {
                return;
            }
            Path table = localTable.get();
            FileTime now = FileTime.fromMillis(clock.millis());
            String prefix = String.format("%020d.", version);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(table.resolve("_delta_log"),
                    f -> f.getFileName().toString().startsWith(prefix)
                            || f.getFileName().toString().equals("_last_checkpoint"))) {
                for (Path file : files) {
                    stampIfReal(file, now);
                }
            }
            List<Path> directories = day.isPresent() ? List.of(table.resolve("group-" + day.get()))
                    : Files.list(table).filter(p -> p.getFileName().toString().startsWith("group-")).toList();
            for (Path directory : directories) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
                    for (Path file : files) {
                        stampIfReal(file, now);
                    }
                }
            }
        }

        private void stampIfReal(Path file, FileTime now) throws IOException {
            try {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() < clock.start()) {
                    Files.setLastModifiedTime(file, now);
                }
            } catch (NoSuchFileException gone) {
                // Purged or cleaned up meanwhile.
            }
        }
    }

    // --- A table's _delta_log, on local disk or S3 ----------------------------------------------------------------

    /** What the bench reads of a table's log: versions, a commit's lineage and timestamp, the number of files. */
    interface LogDirectory {
        Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
        Pattern TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*(\\d+)");
        Pattern ROWS = Pattern.compile("\"summit\\.lineage\\.rows\"\\s*:\\s*\"(\\d+)\"");

        /** Names in the log at or after {@code from}, sorted; files whose names begin with a dot left out. */
        List<String> namesFrom(String from) throws IOException;

        String read(String name) throws IOException;

        static LogDirectory of(String location) {
            if (location.startsWith("s3://") || location.startsWith("s3a://")) {
                return new S3Log(location);
            }
            Path log = Path.of(location.startsWith("file:") ? URI.create(location).getPath() : location)
                    .resolve("_delta_log");
            return new LogDirectory() {
                @Override
                public List<String> namesFrom(String from) throws IOException {
                    if (!Files.isDirectory(log)) {
                        return List.of();
                    }
                    try (var names = Files.list(log)) {
                        return names.map(p -> p.getFileName().toString())
                                .filter(n -> !n.startsWith(".") && n.compareTo(from) >= 0).sorted().toList();
                    }
                }

                @Override
                public String read(String name) throws IOException {
                    return Files.readString(log.resolve(name));
                }
            };
        }

        default long fileCount() throws IOException {
            return namesFrom("").size();
        }

        default long latestVersion() throws IOException {
            List<String> names = namesFrom("");
            long latest = -1;
            for (String name : names) {
                Matcher m = COMMIT.matcher(name);
                if (m.matches()) {
                    latest = Math.max(latest, Long.parseLong(m.group(1)));
                }
            }
            return latest;
        }

        default List<Long> versionsAfter(long version) throws IOException {
            List<Long> versions = new ArrayList<>();
            for (String name : namesFrom(String.format("%020d", version + 1))) {
                Matcher m = COMMIT.matcher(name);
                if (m.matches()) {
                    versions.add(Long.parseLong(m.group(1)));
                }
            }
            return versions;
        }

        /** The commit's own time: its commitInfo's timestamp. */
        default long commitTimestamp(long version) throws IOException {
            for (String line : read(String.format("%020d.json", version)).split("\n")) {
                if (line.startsWith("{\"commitInfo\"")) {
                    Matcher m = TIMESTAMP.matcher(line);
                    if (m.find()) {
                        return Long.parseLong(m.group(1));
                    }
                }
            }
            throw new IllegalStateException("version " + version + " has no commitInfo timestamp");
        }

        /** The rows the version holds, as its lineage records them; -1 when the commit does not say. */
        default long lineageRows(long version) throws IOException {
            Matcher m = ROWS.matcher(read(String.format("%020d.json", version)));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }
    }

    /** A log on S3, through the AWS SDK: one ListObjectsV2 from a start key; GetObject per commit read. */
    static final class S3Log implements LogDirectory {
        private final S3Client s3;
        private final String bucket;
        private final String prefix;

        S3Log(String location) {
            String path = location.substring(location.indexOf("://") + 3);
            int slash = path.indexOf('/');
            this.bucket = path.substring(0, slash);
            this.prefix = path.substring(slash + 1).replaceAll("/+$", "") + "/_delta_log/";
            String secrets = System.getenv().getOrDefault("SECRETS_DIR", ".");
            this.s3 = S3Client.builder().endpointOverride(URI.create(System.getenv("AWS_ENDPOINT_URL_S3")))
                    .forcePathStyle(true).region(Region.of(System.getenv().getOrDefault("AWS_REGION", "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            secret(secrets, "s3_access_key_id"), secret(secrets, "s3_secret_access_key"))))
                    .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        }

        private static String secret(String directory, String name) {
            try {
                return Files.readString(Path.of(directory, name)).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public List<String> namesFrom(String from) {
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            if (!from.isEmpty()) {
                // start-after is exclusive: just before the first name wanted ("...11~" before "...12"; '~' sorts
                // after every character a log file name has past its version).
                request.startAfter(prefix + from.substring(0, from.length() - 1)
                        + (char) (from.charAt(from.length() - 1) - 1) + "~");
            }
            List<String> names = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(request.build()).contents()) {
                String name = object.key().substring(prefix.length());
                if (!name.startsWith(".") && !name.contains("/") && name.compareTo(from) >= 0) {
                    names.add(name);
                }
            }
            return names;
        }

        @Override
        public String read(String name) {
            return s3.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(prefix + name).build())
                    .asString(StandardCharsets.UTF_8);
        }
    }
}

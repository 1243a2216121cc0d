import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;

/**
 * The load and the measurements of bench/freshness.sh: ingestion through ops-api in the background, moderation
 * actions one after another, each followed until the newest version of its gold table shows it (read with Delta
 * Kernel), the CPU the mirror process and PostgreSQL's backends spend meanwhile, one scheduled sweep's CPU, and what a
 * quiet database sees from both services.
 *
 * <p>The generated posts are those bench/freshness.sh seeds: post i is {@code bench-i}, posted {@code i * step}
 * microseconds before {@code t0} (epoch seconds), its other columns the same functions of i as in the script's SQL,
 * so that an upsert here changes only its counters.
 *
 * <p>Usage (class path: mirror-service/target/quarkus-app/lib/main/*):
 * <pre>
 * java Freshness feed    &lt;api&gt; &lt;ingest-token&gt; &lt;t0&gt; &lt;step-us&gt;
 * java Freshness actions &lt;api&gt; &lt;moderator-token&gt; &lt;warehouse&gt; &lt;db&gt; &lt;mirror-pid&gt; &lt;posts&gt; &lt;t0&gt; &lt;step-us&gt;
 *                        &lt;actions&gt; &lt;feed-baseline-seconds&gt;
 * java Freshness sweep   &lt;db&gt; &lt;mirror-pid&gt; &lt;mirror-log&gt;
 * java Freshness quiet   &lt;db&gt; &lt;management-url&gt; &lt;seconds&gt;
 * </pre>
 * feed runs until it is terminated and then prints what it sent.
 */
public class Freshness {

    static final String[] PLATFORMS = {"instagram", "tiktok", "x", "facebook", "youtube", "threads"};
    /** The account the script's ops-api allowlists: its new posts are visible at once, as the journey's own are. */
    static final String JOURNEY_ACCOUNT = "@summitjourney";
    static final long CLOCK_TICKS = Long.parseLong(System.getenv().getOrDefault("CLK_TCK", "100"));
    static final Duration ACTION_TIMEOUT = Duration.ofSeconds(
            Long.parseLong(System.getenv().getOrDefault("ACTION_TIMEOUT_SECONDS", "120")));

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "feed" -> new Feed(args[1], args[2], Long.parseLong(args[3]), Long.parseLong(args[4])).run();
            case "actions" -> new Actions(args[1], args[2], Path.of(args[3]), args[4], Integer.parseInt(args[5]),
                    Long.parseLong(args[6]), Long.parseLong(args[7]), Long.parseLong(args[8]),
                    Integer.parseInt(args[9]), Integer.parseInt(args[10])).run();
            case "sweep" -> sweep(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
            case "quiet" -> new Quiet(args[1], args[2], Integer.parseInt(args[3])).run();
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    // --- The generated posts --------------------------------------------------------------------------------------

    /** Post i exactly as the script's SQL seeded it, with the given like count. */
    static String seededPost(long i, long t0, long stepMicros, long likeCount) {
        return post(PLATFORMS[(int) (i % 6)], "bench-" + i, "@traveller" + (i % 500),
                "Day " + (i % 35 + 1) + " of the journey, mile " + (i % 9000), "https://social.example.com/p/" + i,
                "https://cdn.example.com/m/" + i + ".jpg", "city" + (i % 25), postedAt(i, t0, stepMicros),
                likeCount, (i * 11) % 300, (i * 7) % 100);
    }

    static Instant postedAt(long i, long t0, long stepMicros) {
        return Instant.ofEpochSecond(t0).minus(i * stepMicros, ChronoUnit.MICROS);
    }

    static String post(String platform, String externalId, String author, String caption, String permalink,
            String media, String city, Instant postedAt, long likes, long comments, long shares) {
        return String.format("{\"platform\":\"%s\",\"external_id\":\"%s\",\"author_handle\":\"%s\",\"caption\":\"%s\","
                        + "\"permalink\":\"%s\",\"media_url\":\"%s\",\"hashtags\":[\"summitroadtrip\",\"%s\"],"
                        + "\"posted_at\":\"%s\",\"like_count\":%d,\"comment_count\":%d,\"share_count\":%d}",
                platform, externalId, author, caption, permalink, media, city, postedAt, likes, comments, shares);
    }

    // --- Ingestion in the background ------------------------------------------------------------------------------

    /**
     * Every 10 s one batch of 500: fresh engagement on the 400 newest seeded posts (all visible, in the newest
     * days) and 100 new posts from the journey's allowlisted account (visible at once, posted now).
     */
    static final class Feed {
        private final Http http;
        private final String token;
        private final long t0;
        private final long stepMicros;
        private final Map<Integer, Integer> statuses = new TreeMap<>();
        private final AtomicLong batches = new AtomicLong();
        private final AtomicLong millis = new AtomicLong();
        private volatile String lastAnswer = "";

        Feed(String api, String token, long t0, long stepMicros) {
            this.http = new Http(api);
            this.token = token;
            this.t0 = t0;
            this.stepMicros = stepMicros;
        }

        void run() throws InterruptedException {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.printf(
                    "feed: %d batches of 500 posts, answers %s, mean %.0f ms per batch; the last said %s%n",
                    batches.get(), statusText(), batches.get() == 0 ? 0.0 : millis.get() / (double) batches.get(),
                    lastAnswer)));
            ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
            AtomicLong tick = new AtomicLong();
            ticks.scheduleAtFixedRate(() -> send(tick.incrementAndGet()), 0, 10, TimeUnit.SECONDS);
            Thread.currentThread().join();
        }

        private void send(long tick) {
            StringBuilder batch = new StringBuilder("[");
            for (long i = 1; i <= 400; i++) {
                batch.append(seededPost(i, t0, stepMicros, (i * 37) % 5000 + tick)).append(',');
            }
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (int k = 0; k < 100; k++) {
                String id = "feed-" + t0 + "-" + tick + "-" + k;
                batch.append(post("instagram", id, JOURNEY_ACCOUNT, "On the road, update " + tick + "." + k,
                        "https://social.example.com/p/" + id, "https://cdn.example.com/m/" + id + ".jpg",
                        "city" + (k % 25), now.minusSeconds(k), k, 0, 0)).append(k < 99 ? "," : "]");
            }
            long started = System.nanoTime();
            Http.Answer answer = http.send("PUT", "/api/v1/admin/posts", token, batch.toString());
            int status = answer.status();
            lastAnswer = answer.body();
            millis.addAndGet((System.nanoTime() - started) / 1_000_000);
            batches.incrementAndGet();
            synchronized (statuses) {
                statuses.merge(status, 1, Integer::sum);
            }
        }

        private String statusText() {
            synchronized (statuses) {
                return statuses.toString().replace("-1=", "io-error=");
            }
        }
    }

    // --- Moderation actions, each followed into the gold table ----------------------------------------------------

    enum Kind { HIDE, PUBLISH, UNHIDE, UNPUBLISH }

    record Outcome(Kind kind, String target, double seconds, long version, boolean seen) {
    }

    static final class Actions {
        private final Http http;
        private final String token;
        private final GoldTables gold;
        private final String db;
        private final int mirrorPid;
        private final long posts;
        private final long t0;
        private final long stepMicros;
        private final int count;
        private final int baselineSeconds;

        Actions(String api, String token, Path warehouse, String db, int mirrorPid, long posts, long t0,
                long stepMicros, int count, int baselineSeconds) {
            this.http = new Http(api);
            this.token = token;
            this.gold = new GoldTables(warehouse);
            this.db = db;
            this.mirrorPid = mirrorPid;
            this.posts = posts;
            this.t0 = t0;
            this.stepMicros = stepMicros;
            this.count = count;
            this.baselineSeconds = baselineSeconds;
        }

        void run() throws Exception {
            int rounds = (count + 3) / 4;
            List<Long> questions = answeredQuestions(rounds);
            // Warm: the first read of a table loads Kernel's and Parquet's classes, which must not count.
            gold.warmUp();

            Cost feedOnly;
            try (DatabaseCpu database = new DatabaseCpu(db)) {
                feedOnly = Cost.measure(database, mirrorPid, () -> Thread.sleep(baselineSeconds * 1000L));
            }
            List<Outcome> outcomes = new ArrayList<>();
            Cost withActions;
            try (DatabaseCpu database = new DatabaseCpu(db)) {
                withActions = Cost.measure(database, mirrorPid, () -> {
                    for (int a = 0; a < count; a++) {
                        int round = a / 4;
                        Kind kind = Kind.values()[a % 4];
                        outcomes.add(kind == Kind.HIDE || kind == Kind.UNHIDE ? moderatePost(kind, target(round, rounds))
                                : moderateQuestion(kind, questions.get(round)));
                    }
                });
            }
            report(outcomes, feedOnly, withActions);
        }

        /** The seeded post of round r: spread evenly over every day, away from the newest ones the feed changes. */
        private long target(int round, int rounds) {
            return 10_007 + round * Math.max(1, (posts - 20_000) / rounds);
        }

        private List<Long> answeredQuestions(int n) {
            List<Long> ids = new ArrayList<>();
            for (int q = 0; q < n; q++) {
                Http.Answer submitted = http.send("POST", "/api/v1/questions", null,
                        "{\"question_text\":\"Freshness question " + q + ": where is the bus today?\","
                                + "\"asker_name\":\"Bench visitor\"}");
                Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(submitted.body());
                if (submitted.status() != 201 || !id.find()) {
                    throw new IllegalStateException("POST /api/v1/questions answered " + submitted.status() + ": "
                            + submitted.body());
                }
                long question = Long.parseLong(id.group(1));
                http.expect2xx("PUT", "/api/v1/admin/questions/" + question + "/answer", token,
                        "{\"answer_text\":\"In the mountains, day " + q + ".\"}");
                ids.add(question);
            }
            return ids;
        }

        private Outcome moderatePost(Kind kind, long i) {
            String platform = PLATFORMS[(int) (i % 6)];
            String key = platform + "/bench-" + i;
            LocalDate day = postedAt(i, t0, stepMicros).atZone(ZoneOffset.UTC).toLocalDate();
            boolean visible = kind == Kind.UNHIDE;
            long before = gold.latestVersion(GoldTables.POSTS);
            http.expect2xx("PATCH", "/api/v1/admin/posts/" + key, token, "{\"is_visible\":" + visible + "}");
            long answered = System.currentTimeMillis();
            return follow(kind, key, GoldTables.POSTS, before, answered,
                    version -> gold.postPresent(version, platform, "bench-" + i, day) == visible);
        }

        private Outcome moderateQuestion(Kind kind, long id) {
            boolean published = kind == Kind.PUBLISH;
            long before = gold.latestVersion(GoldTables.QUESTIONS);
            http.expect2xx("POST", "/api/v1/admin/questions/" + id + (published ? "/publish" : "/unpublish"), token,
                    null);
            long answered = System.currentTimeMillis();
            return follow(kind, "question " + id, GoldTables.QUESTIONS, before, answered,
                    version -> gold.questionPresent(version, id) == published);
        }

        interface Shows {
            boolean at(long version) throws IOException;
        }

        /**
         * Every version after {@code before} in order, as soon as it is there, until one shows the change; its commit
         * timestamp (not the moment this poll noticed it) minus the API's answer is the figure.
         */
        private Outcome follow(Kind kind, String target, String table, long before, long answeredMillis, Shows shows) {
            long deadline = System.nanoTime() + ACTION_TIMEOUT.toNanos();
            long checked = before;
            try {
                while (System.nanoTime() < deadline) {
                    long latest = gold.latestVersion(table);
                    for (long v = checked + 1; v <= latest; v++) {
                        if (shows.at(v)) {
                            double seconds = (gold.commitTimestamp(table, v) - answeredMillis) / 1000.0;
                            return new Outcome(kind, target, seconds, v, true);
                        }
                        checked = v;
                    }
                    Thread.sleep(100);
                }
            } catch (IOException e) {
                throw new IllegalStateException("reading " + table + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome(kind, target, ACTION_TIMEOUT.toSeconds(), checked, false);
        }

        private void report(List<Outcome> outcomes, Cost feedOnly, Cost withActions) {
            long unseen = outcomes.stream().filter(o -> !o.seen()).count();
            System.out.printf("%d moderation actions, one after another (%s), seconds from the API's 2xx to the "
                            + "commit of the first gold version that shows it:%n", outcomes.size(),
                    String.join(", ", counts(outcomes)));
            System.out.printf("  all        %s%n", percentiles(outcomes));
            for (Kind kind : Kind.values()) {
                List<Outcome> of = outcomes.stream().filter(o -> o.kind() == kind).toList();
                if (!of.isEmpty()) {
                    System.out.printf("  %-10s %s%n", kind.name().toLowerCase(), percentiles(of));
                }
            }
            if (unseen > 0) {
                System.out.printf("  %d not shown within %d s (counted as %d s): %s%n", unseen,
                        ACTION_TIMEOUT.toSeconds(), ACTION_TIMEOUT.toSeconds(), outcomes.stream()
                                .filter(o -> !o.seen()).map(o -> o.kind() + " " + o.target()).toList());
            }
            if (System.getenv("DETAILS") != null) {
                outcomes.forEach(o -> System.out.printf("    %-9s %-24s %6.2f s  version %d%n",
                        o.kind().name().toLowerCase(), o.target(), o.seconds(), o.version()));
            }
            double feedRate = feedOnly.wallSeconds() == 0 ? 0 : 1 / feedOnly.wallSeconds();
            System.out.printf("CPU seconds, background ingestion alone over %.0f s: mirror %.2f, PostgreSQL %.2f "
                            + "(%s)%n", feedOnly.wallSeconds(), feedOnly.mirror(), feedOnly.database(),
                    feedOnly.databaseByClient());
            System.out.printf("CPU seconds during the actions (%.0f s, ingestion running): mirror %.2f, PostgreSQL "
                            + "%.2f (%s)%n", withActions.wallSeconds(), withActions.mirror(), withActions.database(),
                    withActions.databaseByClient());
            int n = outcomes.size();
            double mirrorNet = withActions.mirror() - feedOnly.mirror() * feedRate * withActions.wallSeconds();
            double databaseNet = withActions.database() - feedOnly.database() * feedRate * withActions.wallSeconds();
            System.out.printf("CPU seconds per action: mirror %.3f, PostgreSQL %.3f   (less the ingestion's own "
                            + "rate: mirror %.3f, PostgreSQL %.3f)%n", withActions.mirror() / n,
                    withActions.database() / n, mirrorNet / n, databaseNet / n);
        }

        private static List<String> counts(List<Outcome> outcomes) {
            Map<Kind, Integer> byKind = new LinkedHashMap<>();
            outcomes.forEach(o -> byKind.merge(o.kind(), 1, Integer::sum));
            return byKind.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()
                    + (e.getKey() == Kind.HIDE || e.getKey() == Kind.UNHIDE ? "s" : "es")).toList();
        }

        private static String percentiles(List<Outcome> outcomes) {
            double[] sorted = outcomes.stream().mapToDouble(Outcome::seconds).sorted().toArray();
            return String.format("p50 %6.2f   p95 %6.2f   max %6.2f   (n=%d)", rank(sorted, 0.50), rank(sorted, 0.95),
                    sorted[sorted.length - 1], sorted.length);
        }

        /** Nearest rank. */
        private static double rank(double[] sorted, double p) {
            return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
        }
    }

    // --- One scheduled sweep --------------------------------------------------------------------------------------

    /**
     * The mirror was restarted with a short mirror.every and nothing changing: its first run (at start-up) is
     * left out, the second, scheduled one, a fingerprint of every group of every mirror, is measured.
     */
    static void sweep(String db, int mirrorPid, Path log) throws Exception {
        awaitRuns(log, 1);
        Cost sweep;
        try (DatabaseCpu database = new DatabaseCpu(db)) {
            sweep = Cost.measure(database, mirrorPid, () -> awaitRuns(log, 2));
        }
        List<String> second = new ArrayList<>();
        for (String mirror : List.of("social_posts", "qa_published")) {
            List<String> runs = summaries(log, mirror);
            second.add(runs.get(1).replaceAll(".*(mirror " + mirror + ": )", "$1"));
        }
        System.out.printf("one scheduled sweep (every group fingerprinted, nothing changed): CPU seconds mirror %.2f, "
                + "PostgreSQL %.2f (%s)%n", sweep.mirror(), sweep.database(), sweep.databaseByClient());
        second.forEach(line -> System.out.println("  " + line));
    }

    private static void awaitRuns(Path log, int runs) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (summaries(log, "social_posts").size() < runs || summaries(log, "qa_published").size() < runs) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the mirror did not finish run " + runs + "; see " + log);
            }
            Thread.sleep(100);
        }
    }

    private static List<String> summaries(Path log, String mirror) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("mirror " + mirror + ": ")
                && line.contains(" rows=")).toList();
    }

    // --- A quiet spell --------------------------------------------------------------------------------------------

    /**
     * Kubernetes' probes of ops-api (readiness and liveness every 5 s on the management port) and no changes: every
     * second, the bench database's backends as pg_stat_activity shows them; a statement is a backend whose
     * query_start moved (at least: two within one second count once), a new connection a backend that started
     * during the spell. pg_stat_database's session counter is read before and after as well: it counts the
     * connections too short-lived for the samples too, of any client. (Its transaction counter is no measure here:
     * a connection that keeps sending statements has them flushed to it up to a minute late.)
     */
    static final class Quiet {
        private final String db;
        private final Http management;
        private final int seconds;

        Quiet(String db, String managementUrl, int seconds) {
            this.db = db;
            this.management = new Http(managementUrl);
            this.seconds = seconds;
        }

        void run() throws Exception {
            Map<String, Integer> probes = new TreeMap<>();
            java.util.concurrent.atomic.AtomicBoolean counting = new java.util.concurrent.atomic.AtomicBoolean();
            ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
            prober.scheduleAtFixedRate(() -> {
                for (String path : List.of("/q/health/ready", "/q/health/live")) {
                    int status = management.send("GET", path, null, null).status();
                    if (!counting.get()) {
                        continue;
                    }
                    synchronized (probes) {
                        probes.merge(path.substring(path.lastIndexOf('/') + 1) + " " + status, 1, Integer::sum);
                    }
                }
            }, 0, 5, TimeUnit.SECONDS);
            try (Connection admin = adminConnection()) {
                // The sessions opened just before reach pg_stat_database within PostgreSQL's idle flush interval
                // (10 s): let that pass, probing already, before the counter is read.
                Thread.sleep(15_000);
                long before = sessions(admin);
                Instant start = Instant.now();
                counting.set(true);
                Map<Integer, Timestamp> lastStatement = new HashMap<>();
                Map<String, long[]> byClient = new TreeMap<>(); // client -> {statements, new connections}
                Map<String, Integer> texts = new TreeMap<>();
                boolean first = true;
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
                while (System.nanoTime() < end) {
                    try (PreparedStatement activity = admin.prepareStatement("""
                            SELECT pid, coalesce(nullif(application_name, ''), backend_type) AS client, backend_start,
                                   query_start, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS query
                              FROM pg_stat_activity WHERE datname = ?""")) {
                        activity.setString(1, db);
                        try (ResultSet rows = activity.executeQuery()) {
                            while (rows.next()) {
                                int pid = rows.getInt("pid");
                                String client = client(rows.getString("client"));
                                Timestamp started = rows.getTimestamp("backend_start");
                                Timestamp query = rows.getTimestamp("query_start");
                                long[] counts = byClient.computeIfAbsent(client, c -> new long[2]);
                                boolean known = lastStatement.containsKey(pid);
                                Timestamp previous = lastStatement.put(pid, query);
                                if (!known && !first && started.toInstant().isAfter(start)) {
                                    counts[1]++;
                                }
                                boolean moved = known ? query != null && !query.equals(previous)
                                        : !first && query != null && query.toInstant().isAfter(start);
                                if (moved) {
                                    counts[0]++;
                                    texts.merge(client + ": " + rows.getString("query"), 1, Integer::sum);
                                }
                            }
                        }
                    }
                    first = false;
                    Thread.sleep(1000);
                }
                counting.set(false);
                Thread.sleep(15_000);
                long after = sessions(admin);
                prober.shutdownNow();
                // The session counter spans the spell and the flush intervals either side.
                double minutes = Duration.between(start, Instant.now()).toMillis() / 60_000.0;
                System.out.printf("quiet %d s (no changes; ops-api probed as Kubernetes does: %s)%n", seconds,
                        probes);
                for (String client : List.of("ops-api", "mirror-service")) {
                    long[] counts = byClient.getOrDefault(client, new long[2]);
                    System.out.printf("  %-15s statements >= %d, new connections %d (pg_stat_activity, every second)%n",
                            client, counts[0], counts[1]);
                }
                byClient.forEach((client, counts) -> {
                    if (!client.equals("ops-api") && !client.equals("mirror-service")
                            && (counts[0] > 0 || counts[1] > 0)) {
                        System.out.printf("  %-15s statements >= %d, new connections %d%n", client, counts[0],
                                counts[1]);
                    }
                });
                System.out.printf("  whole database: %d sessions opened in %.1f minutes (pg_stat_database, any client)%n",
                        after - before, minutes);
                texts.forEach((text, n) -> System.out.printf("    %4d x %s%n", n, text));
            }
        }

        private long sessions(Connection admin) throws SQLException {
            try (PreparedStatement counters = admin.prepareStatement(
                    "SELECT sessions FROM pg_stat_database WHERE datname = ?")) {
                try (var clear = admin.createStatement()) {
                    clear.execute("SELECT pg_stat_clear_snapshot()");
                }
                counters.setString(1, db);
                try (ResultSet row = counters.executeQuery()) {
                    row.next();
                    return row.getLong(1);
                }
            }
        }
    }

    static String client(String applicationName) {
        if (applicationName == null) {
            return "other";
        }
        return applicationName.startsWith("mirror-service") ? "mirror-service"
                : applicationName.equals("ops-api") ? "ops-api" : applicationName;
    }

    /** A connection to the maintenance database, so that the bench's own sampling is no backend of the bench's. */
    static Connection adminConnection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", "freshness-bench");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:5432/postgres", properties);
    }

    // --- CPU ------------------------------------------------------------------------------------------------------

    interface Work {
        void run() throws Exception;
    }

    /** CPU seconds of the mirror process and of the database's backends over one piece of work, and its wall time. */
    record Cost(double mirror, double database, Map<String, Double> databaseByClientMap, double wallSeconds) {
        static Cost measure(DatabaseCpu database, int mirrorPid, Work work) throws Exception {
            long mirrorBefore = processTicks(mirrorPid);
            long started = System.nanoTime();
            database.start();
            work.run();
            Map<String, Double> byClient = database.stop();
            double wall = (System.nanoTime() - started) / 1e9;
            double mirror = (processTicks(mirrorPid) - mirrorBefore) / (double) CLOCK_TICKS;
            return new Cost(mirror, byClient.values().stream().mapToDouble(Double::doubleValue).sum(), byClient, wall);
        }

        String databaseByClient() {
            List<String> parts = new ArrayList<>();
            databaseByClientMap.forEach((client, seconds) -> parts.add(String.format("%s %.2f", client, seconds)));
            return "backends of " + String.join(", ", parts);
        }
    }

    /** utime + stime of a process, all its threads, in clock ticks; 0 once it is gone. */
    static long processTicks(int pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15 of proc(5)
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /**
     * CPU of the backends of one database, by client: sampled every 500 ms, so that backends that start during the
     * work count whole and those present at its start count from there. A backend that starts and ends between two
     * samples is missed (the figures are a floor).
     */
    static final class DatabaseCpu implements AutoCloseable {
        private final String db;
        private final Connection admin;
        private final Map<Integer, long[]> ticks = new HashMap<>(); // pid -> {at start or 0, last seen}
        private final Map<Integer, String> clients = new HashMap<>();
        private ScheduledExecutorService sampler;
        private boolean starting;

        DatabaseCpu(String db) throws SQLException {
            this.db = db;
            this.admin = adminConnection();
        }

        void start() throws SQLException {
            synchronized (this) {
                starting = true;
                sample();
                starting = false;
            }
            sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> {
                try {
                    sample();
                } catch (SQLException e) {
                    System.err.println("sampling pg_stat_activity failed: " + e.getMessage());
                }
            }, 500, 500, TimeUnit.MILLISECONDS);
        }

        Map<String, Double> stop() throws Exception {
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            sample();
            Map<String, Double> byClient = new TreeMap<>();
            synchronized (this) {
                ticks.forEach((pid, t) -> byClient.merge(clients.get(pid), (t[1] - t[0]) / (double) CLOCK_TICKS,
                        Double::sum));
            }
            return byClient;
        }

        private synchronized void sample() throws SQLException {
            try (PreparedStatement backends = admin.prepareStatement("""
                    SELECT pid, coalesce(nullif(application_name, ''), backend_type) FROM pg_stat_activity
                     WHERE datname = ?""")) {
                backends.setString(1, db);
                try (ResultSet rows = backends.executeQuery()) {
                    while (rows.next()) {
                        int pid = rows.getInt(1);
                        long now = processTicks(pid);
                        if (now == 0) {
                            continue;
                        }
                        long[] seen = ticks.computeIfAbsent(pid, p -> new long[] {starting ? now : 0, now});
                        seen[1] = Math.max(seen[1], now);
                        clients.putIfAbsent(pid, client(rows.getString(2)));
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            admin.close();
        }
    }

    // --- The gold tables, read with Delta Kernel ------------------------------------------------------------------

    static final class GoldTables {
        static final String POSTS = "gold/social_posts";
        static final String QUESTIONS = "gold/qa_published";
        private static final Pattern COMMIT_FILE = Pattern.compile("(\\d{20})\\.json");
        private static final Pattern COMMIT_TIMESTAMP = Pattern.compile("\"timestamp\"\\s*:\\s*(\\d+)");

        private final Path warehouse;
        private final Engine engine = DefaultEngine.create(new Configuration());

        GoldTables(Path warehouse) {
            this.warehouse = warehouse.toAbsolutePath();
        }

        void warmUp() throws IOException {
            postPresent(latestVersion(POSTS), "instagram", "bench-0", LocalDate.now(ZoneOffset.UTC));
            questionPresent(latestVersion(QUESTIONS), 0);
        }

        /** The newest commit file's version: a directory listing, far cheaper than loading a snapshot. */
        long latestVersion(String table) {
            try (var names = Files.list(warehouse.resolve(table).resolve("_delta_log"))) {
                return names.map(p -> COMMIT_FILE.matcher(p.getFileName().toString()))
                        .filter(Matcher::matches).mapToLong(m -> Long.parseLong(m.group(1))).max().orElse(-1);
            } catch (IOException e) {
                throw new IllegalStateException("listing " + table + "/_delta_log failed: " + e.getMessage(), e);
            }
        }

        /** When the version was committed: its commitInfo's timestamp, else the commit file's modification time. */
        long commitTimestamp(String table, long version) throws IOException {
            Path commit = warehouse.resolve(table).resolve("_delta_log").resolve(String.format("%020d.json", version));
            for (String line : Files.readAllLines(commit)) {
                if (line.startsWith("{\"commitInfo\"")) {
                    Matcher timestamp = COMMIT_TIMESTAMP.matcher(line);
                    if (timestamp.find()) {
                        return Long.parseLong(timestamp.group(1));
                    }
                }
            }
            return Files.getLastModifiedTime(commit).toMillis();
        }

        boolean postPresent(long version, String platform, String externalId, LocalDate day) throws IOException {
            Snapshot snapshot = snapshot(POSTS, version);
            StructType schema = snapshot.getSchema();
            long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
            long to = from + 86_400L * 1_000_000;
            boolean ntz = schema.get("posted_at").getDataType() instanceof TimestampNTZType;
            Predicate onTheDay = new And(
                    new Predicate(">=", new Column("posted_at"), ntz ? Literal.ofTimestampNtz(from)
                            : Literal.ofTimestamp(from)),
                    new Predicate("<", new Column("posted_at"), ntz ? Literal.ofTimestampNtz(to)
                            : Literal.ofTimestamp(to)));
            StructType read = new StructType().add(schema.get("platform")).add(schema.get("external_id"));
            return anyRow(snapshot, onTheDay, read,
                    (data, row) -> externalId.equals(data.getColumnVector(1).getString(row))
                            && platform.equals(data.getColumnVector(0).getString(row)));
        }

        boolean questionPresent(long version, long id) throws IOException {
            Snapshot snapshot = snapshot(QUESTIONS, version);
            StructType read = new StructType().add(snapshot.getSchema().get("question_id"));
            return anyRow(snapshot, new Predicate("=", new Column("question_id"), Literal.ofLong(id)), read,
                    (data, row) -> data.getColumnVector(0).getLong(row) == id);
        }

        private Snapshot snapshot(String table, long version) {
            return Table.forPath(engine, warehouse.resolve(table).toString()).getSnapshotAsOfVersion(engine, version);
        }

        interface RowTest {
            boolean matches(ColumnarBatch data, int row);
        }

        /**
         * Kernel's read flow: the filter skips files by their statistics; the remaining files are read and
         * transformed to the logical schema, and each selected row is tested.
         */
        private boolean anyRow(Snapshot snapshot, Predicate filter, StructType read, RowTest test) throws IOException {
            Scan scan = snapshot.getScanBuilder().withFilter(filter).withReadSchema(read).build();
            Row scanState = scan.getScanState(engine);
            StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
            try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
                while (scanFiles.hasNext()) {
                    try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                        while (files.hasNext()) {
                            Row scanFile = files.next();
                            CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                    .readParquetFiles(Utils.singletonCloseableIterator(
                                            InternalScanFileUtils.getAddFileStatus(scanFile)), physical, Optional.empty())
                                    .map(FileReadResult::getData);
                            try (CloseableIterator<FilteredColumnarBatch> logical =
                                    Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                                while (logical.hasNext()) {
                                    FilteredColumnarBatch batch = logical.next();
                                    ColumnarBatch rows = batch.getData();
                                    Optional<ColumnVector> selected = batch.getSelectionVector();
                                    for (int r = 0; r < rows.getSize(); r++) {
                                        boolean in = selected.isEmpty()
                                                || (!selected.get().isNullAt(r) && selected.get().getBoolean(r));
                                        if (in && test.matches(rows, r)) {
                                            return true;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return false;
        }
    }

    // --- HTTP -----------------------------------------------------------------------------------------------------

    static final class Http {
        record Answer(int status, String body) {
        }

        private final String base;
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Http(String base) {
            this.base = base;
        }

        /** Status -1: no answer (an I/O failure or a timeout). */
        Answer send(String method, String path, String token, String json) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30))
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(response.statusCode(), response.body());
            } catch (IOException e) {
                return new Answer(-1, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Answer(-1, "interrupted");
            }
        }

        void expect2xx(String method, String path, String token, String json) {
            Answer answer = send(method, path, token, json);
            if (answer.status() / 100 != 2) {
                throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": "
                        + answer.body());
            }
        }
    }
}

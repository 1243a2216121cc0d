package bench.freshness;

import bench.common.SeededPosts;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moderation actions through the API one after another (hides, publishes, unhides, unpublishes), each followed into
 * its gold table; the CPU they cost is measured beside that of the ingestion alone, and both are reported.
 */
final class ModerationActions {
    private final Http http;
    private final String token;
    private final GoldTables gold;
    private final GoldFollower follower;
    private final String db;
    private final int mirrorPid;
    private final long posts;
    private final long t0;
    private final long stepMicros;
    private final int count;
    private final int baselineSeconds;

    ModerationActions(String api, String token, Path warehouse, String db, int mirrorPid, long posts,
            long t0, long stepMicros, int count, int baselineSeconds) {
        this.http = new Http(api);
        this.token = token;
        this.gold = new GoldTables(warehouse);
        this.follower = new GoldFollower(gold);
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
                    ActionKind kind = ActionKind.values()[a % 4];
                    outcomes.add(kind == ActionKind.HIDE || kind == ActionKind.UNHIDE
                            ? moderatePost(kind, target(round, rounds)) : moderateQuestion(kind, questions.get(round)));
                }
            });
        }
        ActionsReport.print(outcomes, feedOnly, withActions);
    }

    /**
     * The seeded post of round r: spread evenly over every day, away from the newest ones the feed changes, and
     * within the seeded posts at any size (the margin is a tenth of them below 100,070).
     */
    private long target(int round, int rounds) {
        long margin = Math.min(10_007, posts / 10);
        return margin + round * Math.max(1, (posts - 2 * margin) / rounds);
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

    private Outcome moderatePost(ActionKind kind, long i) {
        String platform = SeededPosts.platform(i);
        String externalId = SeededPosts.externalId(i);
        String key = platform + "/" + externalId;
        LocalDate day = GeneratedPosts.postedAt(i, t0, stepMicros).atZone(ZoneOffset.UTC).toLocalDate();
        boolean visible = kind == ActionKind.UNHIDE;
        long before = gold.latestVersion(GoldTables.POSTS);
        http.expect2xx("PATCH", "/api/v1/admin/posts/" + key, token, "{\"is_visible\":" + visible + "}");
        long answered = System.currentTimeMillis();
        return follower.follow(kind, key, GoldTables.POSTS, before, answered,
                version -> gold.postPresent(version, platform, externalId, day) == visible);
    }

    private Outcome moderateQuestion(ActionKind kind, long id) {
        boolean published = kind == ActionKind.PUBLISH;
        long before = gold.latestVersion(GoldTables.QUESTIONS);
        http.expect2xx("POST", "/api/v1/admin/questions/" + id + (published ? "/publish" : "/unpublish"), token,
                null);
        long answered = System.currentTimeMillis();
        return follower.follow(kind, "question " + id, GoldTables.QUESTIONS, before, answered,
                version -> gold.questionPresent(version, id) == published);
    }
}

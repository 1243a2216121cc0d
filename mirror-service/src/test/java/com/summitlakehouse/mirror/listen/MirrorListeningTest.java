package com.summitlakehouse.mirror.listen;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.mirror.job.MirrorSchedule;
import com.summitlakehouse.testing.Eventually;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listening mirror against the real PostgreSQL: changes made by SQL (as ops-api or an administrator would make
 * them) reach the gold tables within the debounce plus one run, through the notified hours only; the listening
 * connection sends nothing while nothing changes, sleeps when the server cuts it after a quiet spell, and comes back
 * at once when cut after activity.
 */
@QuarkusTest
@TestProfile(MirrorListeningTest.Listening.class)
class MirrorListeningTest {

    static final Duration QUIET_BEFORE_SLEEP = Duration.ofSeconds(6);
    static Path log;

    public static class Listening implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                log = TempFiles.file("mirror-listening", ".log");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("mirror.listen.enabled", "true", "mirror.listen.debounce", "200ms",
                    "mirror.listen.quiet-before-sleep", QUIET_BEFORE_SLEEP.toSeconds() + "s",
                    "mirror.listen.max-reconnect-delay", "1s",
                    "quarkus.datasource.jdbc.idle-removal-interval", "1S",
                    "quarkus.log.file.enabled", "true", "quarkus.log.file.path", log.toString());
        }
    }

    @Inject
    MirrorSchedule schedule;

    @Inject
    ChangeListener listener;

    @BeforeEach
    void seed() throws Exception {
        // 40 posts over 4 days of July (10 a day, within one hour), all visible but every fourth; 6 answered
        // questions, 2 published.
        SeededPosts.numbered(0, 39).postedFrom("2026-07-01 00:30:00+00", "hours => 24 * (i / 10), mins => i")
                .hashtags("'{}'").likes("0").visibleWhere("i % 4 <> 0").replaceAll();
        SourceDatabase.execute("""
                INSERT INTO qa_questions (question_text, status, answer_text, answered_at, published_at)
                SELECT 'question ' || i, CASE WHEN i < 2 THEN 'published' ELSE 'answered' END, 'answer ' || i,
                       timestamptz '2026-07-02 09:00:00+00', CASE WHEN i < 2 THEN timestamptz '2026-07-02 10:00:00+00' END
                  FROM generate_series(0, 5) AS i;
                """);
        schedule.run(); // the sweep: every group, and the listener listening before its snapshot
        assertEquals(ChangeListener.State.LISTENING, listener.state());
        assertEquals(visiblePosts(), goldPosts());
        settle();
    }

    /** Waits until the runs the seeding notified are over: no new summary line for a second. */
    static void settle() throws Exception {
        long lines = -1;
        while (true) {
            long now = Files.readAllLines(log).stream().filter(l -> l.matches(".* mirror [a-z_]+: .*")).count();
            if (now == lines) {
                return;
            }
            lines = now;
            Thread.sleep(1_000);
        }
    }

    @Test
    void eachModerationDecisionReachesTheLakeThroughTheHourItTouches() throws Exception {
        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p13'");
        awaitGold("the hidden post leaves the gold table", posts -> !posts.contains("p13"));
        assertEquals(visiblePosts(), goldPosts());
        awaitSummary("social_posts", "rewrote 1 of 4 groups", "fingerprinted 1 of 4 groups");

        SourceDatabase.execute("UPDATE social_posts SET is_visible = true WHERE external_id = 'p13'");
        awaitGold("the post shown again is back", posts -> posts.contains("p13"));

        // A batch upsert of 500 posts in a new hour and engagement in an old one: one statement, one run.
        SourceDatabase.execute("""
                INSERT INTO social_posts (platform, external_id, author_handle, posted_at, like_count, is_visible)
                SELECT 'tiktok', 'b' || i, '@b', timestamptz '2026-07-09 08:00:00+00' + make_interval(secs => i), 0, true
                  FROM generate_series(1, 500) AS i
                UNION ALL SELECT 'instagram', 'p21', '@a21', timestamptz '2026-07-03 00:51:00+00', 77, true
                ON CONFLICT (platform, external_id) DO UPDATE SET like_count = EXCLUDED.like_count
                """);
        int visible = visiblePostCount();
        awaitGold("the batch arrives", posts -> posts.size() == visible);
        assertEquals(visiblePosts(), goldPosts());
        awaitSummary("social_posts", "rewrote 2 of 5 groups", "fingerprinted 2 of 5 groups");

        SourceDatabase.execute("UPDATE qa_questions SET status = 'published', published_at = "
                + "timestamptz '2026-07-03 12:00:00+00' WHERE question_text = 'question 4'");
        awaitQuestions("the published question arrives", questions -> questions.contains("question 4"));
        SourceDatabase.execute("UPDATE qa_questions SET status = 'answered' WHERE question_text = 'question 0'");
        awaitQuestions("the unpublished question leaves", questions -> !questions.contains("question 0"));
        assertEquals(Set.of("question 1", "question 4"), goldQuestions());

        // The notified runs fingerprinted a few hours and took the rest as recorded: a sweep of every hour agrees.
        schedule.run();
        awaitSummary("social_posts", "unchanged");
        awaitSummary("qa_published", "unchanged");

        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metric(metrics, "mirror_freshness_seconds_count{mirror=\"social_posts\"}") >= 3, metrics);
        assertTrue(metric(metrics, "mirror_runs_total{mirror=\"qa_published\",trigger=\"notification\"}") >= 2);
        assertTrue(metric(metrics, "mirror_notifications_total{mirror=\"social_posts\"}") >= 3);
        assertEquals(1.0, metric(metrics, "mirror_listening"));
    }

    /** A sample's value in Prometheus text, by its name and labels as written there. */
    static double metric(String text, String sample) {
        return text.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError("no sample " + sample));
    }

    @Test
    void aForgedOrGarbledNotificationIsCountedAndChangesNothing() throws Exception {
        try (Connection c = SourceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("NOTIFY public_changes, 'not json'");
            s.execute("NOTIFY public_changes, '{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", "
                    + "\"days\": [\"2026-13-45\"]}'");
            s.execute("NOTIFY public_changes, '{\"view\": \"mirror.social_posts\", \"column\": \"posted_at\", "
                    + "\"days\": [\"2026-07-01\"], \"hours\": [\"2026-07-01T25\"]}'");
        }
        await("all three are counted as unreadable", () -> metric(io.restassured.RestAssured.get("/q/metrics")
                .asString(), "mirror_notifications_unreadable_total") >= 3);
        String logged = Files.readString(log);
        assertTrue(logged.contains("A notification on public_changes was ignored: days[0] is not an ISO date"));
        assertTrue(logged.contains("A notification on public_changes was ignored: hours[0] is not a UTC hour"));
        // The listener goes on: the next real change is mirrored.
        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p9'");
        awaitGold("a change after the garbled ones", posts -> !posts.contains("p9"));
    }

    @Test
    void quietMeansNoStatementNoConnectionAndASleepingListenerUntilTheSweep() throws Exception {
        // Let the pool's connections of the seeding sweep go (idle removal), then watch for a quiet spell.
        Thread.sleep(3_000);
        List<Backend> before = mirrorBackends();
        assertEquals(1, before.size(), "only the listening connection is open: " + before);
        Backend listening = before.get(0);
        assertEquals("mirror-service-listener", listening.application());
        long until = System.nanoTime() + QUIET_BEFORE_SLEEP.toNanos();
        while (System.nanoTime() < until) {
            List<Backend> now = mirrorBackends();
            assertEquals(before, now, "no statement, no new connection, no transaction while nothing changes");
            assertEquals("idle", now.get(0).state());
            assertEquals(null, now.get(0).transactionStart());
            Thread.sleep(250);
        }

        // The server closes the idle connection after the quiet spell, as a suspending database does.
        terminate(listening.pid());
        awaitState(ChangeListener.State.ASLEEP);
        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p22'");
        Thread.sleep(4_000);
        assertEquals(List.of(), mirrorBackends(), "nothing reconnects to a sleeping database");
        assertTrue(goldPosts().contains("p22"), "nobody heard the change: it waits for the sweep");

        schedule.run();
        assertFalse(goldPosts().contains("p22"), "the sweep mirrors what no notification told");
        assertEquals(ChangeListener.State.LISTENING, listener.state(), "the sweep woke the listener first");
        assertEquals(1, mirrorBackends().stream().filter(b -> b.application().endsWith("listener")).count());
    }

    @Test
    void aListenerCutRightAfterActivityReconnectsAtOnce() throws Exception {
        SourceDatabase.execute("UPDATE social_posts SET like_count = 5 WHERE external_id = 'p2'");
        awaitGold("the first change arrives", posts -> true);
        Backend listening = mirrorBackends().stream().filter(b -> b.application().endsWith("listener"))
                .findFirst().orElseThrow();
        terminate(listening.pid());
        long deadline = System.nanoTime() + 5_000_000_000L;
        Backend again = null;
        while (again == null && System.nanoTime() < deadline) {
            again = mirrorBackends().stream().filter(b -> b.application().endsWith("listener")
                    && b.pid() != listening.pid()).findFirst().orElse(null);
            Thread.sleep(100);
        }
        assertTrue(again != null, "the listener reconnected within 5 s");
        awaitState(ChangeListener.State.LISTENING);
        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p3'");
        awaitGold("a change after the reconnection arrives", posts -> !posts.contains("p3"));
        assertNotEquals(listening.pid(), again.pid());
    }

    record Backend(int pid, String application, String backendStart, String queryStart, String state,
            String transactionStart) {
    }

    static List<Backend> mirrorBackends() throws Exception {
        List<Backend> backends = new ArrayList<>();
        try (Connection c = SourceDatabase.connect(); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("""
                        SELECT pid, application_name, backend_start::text, query_start::text, state, xact_start::text
                          FROM pg_stat_activity
                         WHERE datname = current_database() AND application_name LIKE 'mirror-service%'
                         ORDER BY pid""")) {
            while (rows.next()) {
                backends.add(new Backend(rows.getInt(1), rows.getString(2), rows.getString(3), rows.getString(4),
                        rows.getString(5), rows.getString(6)));
            }
        }
        return backends;
    }

    static void terminate(int pid) throws Exception {
        try (Connection c = SourceDatabase.connect(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(" + pid + ")");
        }
        // pg_terminate_backend only signals: wait until the backend is gone.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (mirrorBackends().stream().anyMatch(b -> b.pid() == pid) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    void awaitState(ChangeListener.State state) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (listener.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(state, listener.state());
    }

    static void awaitGold(String what, Predicate<Set<String>> done) throws Exception {
        await(what, () -> done.test(goldPosts()) && goldPosts().equals(visiblePosts()));
    }

    static void awaitQuestions(String what, Predicate<Set<String>> done) throws Exception {
        await(what, () -> done.test(goldQuestions()));
    }

    /** Debounce (200 ms) plus one run: a few seconds at most on a loaded machine. */
    static void await(String what, Eventually.Check check) throws Exception {
        Eventually.await(what, Duration.ofSeconds(10), check);
    }

    static Set<String> goldPosts() {
        return rows("gold/social_posts", "external_id");
    }

    static Set<String> goldQuestions() {
        return rows("gold/qa_published", "question_text");
    }

    static Set<String> rows(String table, String column) {
        GoldTable gold = new GoldTable(SourceDatabase.warehouse().resolve(table).toString(),
                GoldTableOptions.defaults());
        return new GoldTableReader(gold).readLatest().stream().map(row -> (String) row.get(column))
                .collect(Collectors.toSet());
    }

    static Set<String> visiblePosts() throws Exception {
        return SourceDatabase.visiblePostIds();
    }

    static int visiblePostCount() throws Exception {
        return visiblePosts().size();
    }

    /** The newest summary line of {@code mirror} holds every one of {@code parts} (the log line follows the commit). */
    static void awaitSummary(String mirror, String... parts) throws Exception {
        try {
            await("the summary of the run", () -> java.util.Arrays.stream(parts).allMatch(lastSummary(mirror)::contains));
        } catch (AssertionError e) {
            throw new AssertionError("the last run of " + mirror + " should say " + String.join(", ", parts) + ": "
                    + lastSummary(mirror));
        }
    }

    /** The newest summary line of one mirror in the log. */
    static String lastSummary(String mirror) throws IOException {
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("mirror " + mirror + ": "))
                .toList();
        return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    }
}

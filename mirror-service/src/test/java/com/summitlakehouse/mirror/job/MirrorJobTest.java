package com.summitlakehouse.mirror.job;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.StoreRequests;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MirrorJobTest {

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @BeforeEach
    void seed() {
        SeededPosts.numbered(1, 30).postedFrom("2026-07-01 10:00:00.123456+00", "hours => i")
                .hashtags("ARRAY['trip', 'day' || i]").visibleWhere("i % 3 <> 0").replaceAll();
        SourceDatabase.execute("""
                INSERT INTO qa_questions (question_text, status, answer_text, published_at, answered_at)
                VALUES ('pending?', 'pending', NULL, NULL, NULL),
                       ('answered?', 'answered', 'not yet public', NULL, now()),
                       ('rejected?', 'rejected', NULL, NULL, NULL),
                       ('published?', 'published', 'yes', now(), now());
                """);
    }

    GoldTable table(String name) {
        return new GoldTable(SourceDatabase.warehouse().resolve(name).toString(), GoldTableOptions.defaults());
    }

    static Set<String> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> (String) r.get("external_id")).collect(Collectors.toSet());
    }

    @Test
    void goldPostsAreExactlyTheVisiblePostsWithDescribedColumnsAndLineage() throws Exception {
        List<MirrorResult> results = job.runAll();
        assertTrue(results.stream().noneMatch(MirrorResult::failed), results.toString());

        GoldTableReader posts = new GoldTableReader(table("gold/social_posts"));
        List<Map<String, Object>> rows = posts.readLatest();
        assertEquals(SourceDatabase.visiblePostIds(), ids(rows));
        assertEquals(20, rows.size());
        Map<String, Object> p1 = rows.stream().filter(r -> r.get("external_id").equals("p1")).findFirst().orElseThrow();
        assertEquals(List.of("trip", "day1"), p1.get("hashtags"));
        assertEquals(java.time.Instant.parse("2026-07-01T11:00:00.123456Z"), p1.get("posted_at"));
        assertEquals(1, p1.get("like_count"));
        assertFalse(p1.containsKey("is_visible"), "only allowlisted columns reach the lake");

        posts.columnComments().forEach((column, comment) -> assertFalse(comment == null || comment.isBlank(), column));
        TableVersion version = table("gold/social_posts").current().orElseThrow();
        assertEquals("mirror-service", version.lineage("job").orElseThrow());
        assertEquals("20", version.lineage("rows").orElseThrow());
        assertTrue(version.lineage("source").orElseThrow().endsWith("#mirror.social_posts"));
        assertFalse(version.lineage("source").orElseThrow().contains("password"));
    }

    @Test
    void goldQuestionsArePublishedOnes() {
        job.runAll();
        List<Map<String, Object>> rows = new GoldTableReader(table("gold/qa_published")).readLatest();
        assertEquals(1, rows.size());
        assertEquals("published?", rows.get(0).get("question_text"));
        assertEquals("yes", rows.get(0).get("answer_text"));
    }

    @Test
    void anUnchangedSourceWritesNoNewVersion() {
        job.runAll();
        long version = table("gold/social_posts").current().orElseThrow().version();
        List<MirrorResult> again = job.runAll();
        assertTrue(again.stream().allMatch(r -> r.outcome() == MirrorResult.Outcome.UNCHANGED), again.toString());
        assertEquals(version, table("gold/social_posts").current().orElseThrow().version());
        // An unchanged run of a process that knows the table asks the store one thing: is there a newer commit?
        assertTrue(again.stream().allMatch(r -> r.requests().equals(new StoreRequests(1, 0, 0, 0))
                && r.summary().endsWith("store[lists=1 reads=0 writes=0 deletes=0]")), again.toString());
    }

    @Test
    void hidingAPostDropsItFromTheNextVersionAndTimeTravelStillReadsTheOld() throws Exception {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p1'");
        List<MirrorResult> results = job.runAll();
        assertEquals(MirrorResult.Outcome.MIRRORED, results.stream()
                .filter(r -> r.mirror().equals("social_posts")).findFirst().orElseThrow().outcome());

        GoldTableReader posts = new GoldTableReader(table("gold/social_posts"));
        assertFalse(ids(posts.readLatest()).contains("p1"));
        assertEquals(SourceDatabase.visiblePostIds(), ids(posts.readLatest()));
        assertTrue(ids(posts.readVersion(before)).contains("p1"));
    }

    @Test
    void aCaptionEditIsAChange() {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        SourceDatabase.execute("UPDATE social_posts SET caption = 'edited' WHERE external_id = 'p2'");
        job.runAll();
        assertEquals(before + 1, table("gold/social_posts").current().orElseThrow().version());
    }

    @Test
    void aNewColumnCommentIsAChangeThoughNoRowChanged() {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        SourceDatabase.execute("COMMENT ON COLUMN mirror.social_posts.caption IS 'The caption as posted (plain text)'");
        job.runAll();
        TableVersion now = table("gold/social_posts").current().orElseThrow();
        assertEquals(before + 1, now.version());
        assertEquals("The caption as posted (plain text)",
                new GoldTableReader(table("gold/social_posts")).columnComments().get("caption"));
    }

    @Test
    void twoConcurrentRunsMakeOneNewVersion() throws Exception {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 1");
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        var first = CompletableFuture.supplyAsync(() -> job.mirror("social_posts", posts).run());
        var second = CompletableFuture.supplyAsync(() -> job.mirror("social_posts", posts).run());
        List<MirrorResult> results = List.of(first.get(), second.get());
        assertTrue(results.stream().noneMatch(MirrorResult::failed), results.toString());
        assertEquals(1, results.stream().filter(r -> r.outcome() == MirrorResult.Outcome.MIRRORED).count(),
                results.toString());
        assertEquals(before + 1, table("gold/social_posts").current().orElseThrow().version());
        assertEquals(SourceDatabase.visiblePostIds(), ids(new GoldTableReader(table("gold/social_posts")).readLatest()));
    }

    @Test
    void aMisconfiguredMirrorFailsClearlyAndLeavesItsTableAlone() {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 1");
        MirrorConfig.Mirror real = config.mirrors().get("social_posts");
        MirrorConfig.Mirror leaky = new MirrorConfig.Mirror() {
            public String source() {
                return real.source();
            }

            public List<String> columns() {
                return List.of("platform", "external_id", "is_visible");
            }

            public java.util.Optional<List<String>> changeColumns() {
                return java.util.Optional.empty();
            }

            public java.util.Optional<String> groupBy() {
                return real.groupBy();
            }

            public String table() {
                return real.table();
            }

            public java.util.Optional<List<String>> textStatistics() {
                return real.textStatistics();
            }
        };
        MirrorResult result = job.mirror("social_posts", leaky).run();
        assertEquals(MirrorResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("is_visible is not in mirror.social_posts"), result.message());
        assertEquals(before, table("gold/social_posts").current().orElseThrow().version());
    }

    @Test
    void anUnreachableDatabaseFailsTheRunClearlyAndLeavesTheTableAlone() {
        job.runAll();
        long before = table("gold/social_posts").current().orElseThrow().version();
        org.postgresql.ds.PGSimpleDataSource down = new org.postgresql.ds.PGSimpleDataSource();
        down.setServerNames(new String[] {"127.0.0.1"});
        down.setPortNumbers(new int[] {1});
        down.setDatabaseName("summit");
        down.setConnectTimeout(3);
        MirrorResult result = new GoldTableMirror("social_posts", config.mirrors().get("social_posts"),
                table("gold/social_posts"), down, "postgresql://127.0.0.1:1/summit", "test").run();
        assertEquals(MirrorResult.Outcome.FAILED, result.outcome());
        assertTrue(result.summary().startsWith("mirror social_posts: failed"), result.summary());
        assertTrue(result.message().startsWith("database: Connection to 127.0.0.1:1 refused"), result.message());
        assertEquals(before, table("gold/social_posts").current().orElseThrow().version());
    }

    /** The value of one Prometheus sample, named with its labels. */
    static double metric(String exposition, String sample) {
        return exposition.lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1).strip()))
                .orElseThrow(() -> new AssertionError("no sample " + sample + " in " + exposition));
    }

    @Test
    void healthAndMetricsReportTheMirror() {
        job.runAll();
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(containsString("warehouse"));
        given().when().get("/q/health/live").then().statusCode(200);
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertEquals(20.0, metric(metrics, "mirror_rows{mirror=\"social_posts\"}"), metrics);
        assertTrue(metric(metrics, "mirror_store_requests_total{mirror=\"social_posts\",op=\"list\"}") > 0, metrics);
        double lastSuccess = metric(metrics, "mirror_last_success_seconds{mirror=\"social_posts\"}");
        assertTrue(Math.abs(System.currentTimeMillis() / 1000.0 - lastSuccess) < 120,
                "the last success is the run just made: " + lastSuccess);
    }
}

package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The database ends the mirror's connection while rows stream from it (pg_terminate_backend, as a failover or an
 * administrator does): the run fails with one clear line, the table's previous version stays current and readable,
 * and the next run, in the same long-running process, mirrors normally.
 */
@QuarkusTest
class MirrorCutMidRunTest {

    static final int POSTS = 300_000;

    @Inject
    MirrorJob job;

    static GoldTable posts() {
        return new GoldTable(SourceDatabase.warehouse().resolve("gold/social_posts").toString(),
                GoldTableOptions.defaults());
    }

    @Test
    void aConnectionKilledWhileRowsStreamFailsTheRunAndLeavesThePreviousVersion() throws Exception {
        SeededPosts.numbered(1, POSTS).named("'tiktok'", "'cut' || i", "'@c' || i")
                .caption("'a caption long enough to take a while ' || i")
                .postedFrom("2026-07-01 00:00:00+00", "secs => i").replaceAll();
        assertTrue(job.runAll().stream().noneMatch(MirrorResult::failed));
        long before = posts().current().orElseThrow().version();
        SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 1 WHERE external_id = 'cut1'");

        // A whole rewrite, so that rows stream long enough to be cut: a changed hour alone is read in a moment.
        CompletableFuture<List<MirrorResult>> run = CompletableFuture.supplyAsync(() -> job.runAll(true));
        assertTrue(killTheMirrorWhileItStreams(run), "the mirror's connection was killed while rows streamed");
        List<MirrorResult> results = run.get(60, TimeUnit.SECONDS);

        MirrorResult cut = results.stream().filter(r -> r.mirror().equals("social_posts")).findFirst().orElseThrow();
        assertEquals(MirrorResult.Outcome.FAILED, cut.outcome(), cut.summary());
        assertFalse(cut.summary().contains("\n"), "one line: " + cut.summary());
        assertTrue(cut.summary().contains("terminating connection due to administrator command")
                || cut.summary().contains("connection"), cut.summary());
        assertEquals(before, posts().current().orElseThrow().version(), "the previous version is still current");
        List<java.util.Map<String, Object>> rows = new GoldTableReader(posts()).readLatest();
        assertEquals(POSTS, rows.size(), "and readable, whole");

        List<MirrorResult> next = job.runAll();
        assertTrue(next.stream().noneMatch(MirrorResult::failed), "the next run works: " + next);
        assertEquals(before + 1, posts().current().orElseThrow().version());
    }

    /** Waits until the mirror's rows stream (its COPY is the session's statement), then terminates it. */
    private static boolean killTheMirrorWhileItStreams(CompletableFuture<?> run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection admin = SourceDatabase.connect(); Statement statement = admin.createStatement()) {
            while (System.nanoTime() < deadline && !run.isDone()) {
                try (ResultSet killed = statement.executeQuery("""
                        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                         WHERE datname = current_database() AND application_name = 'mirror-service'
                           AND query LIKE 'COPY (SELECT "platform", %FROM "mirror"."social_posts"%'""")) {
                    if (killed.next()) {
                        return true;
                    }
                }
                Thread.sleep(2);
            }
        }
        return false;
    }
}

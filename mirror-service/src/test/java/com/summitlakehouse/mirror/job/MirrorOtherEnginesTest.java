package com.summitlakehouse.mirror.job;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import com.summitlakehouse.testing.SparkSql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Another Delta engine's routine maintenance and writes (Apache Spark 4.0 + Delta 4.0: OPTIMIZE, ZORDER BY, a DELETE,
 * a RESTORE, VACUUM RETAIN 0 HOURS), each followed by changes in PostgreSQL and a mirror run: the run succeeds, the
 * table equals the view row for row, Spark reads it, and a later single change rewrites only its group.
 */
@QuarkusTest
class MirrorOtherEnginesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void noMaintenanceOfAnotherEngineStopsTheMirrorOrLeavesTheTableUnlikeTheView() throws Exception {
        SparkSql.assumeAvailable();
        SeededPosts.numbered(0, 39).postedFrom("2026-05-01 00:30:00+00", "hours => 20 * i")
                .visibleWhere("i % 5 <> 0").replaceAll();
        Path warehouse = TempFiles.directory("engines-warehouse");
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        Path root = warehouse.resolve(posts.table());
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
        GoldTableMirror mirror = new GoldTableMirror("social_posts", posts, table, dataSource, "postgresql://test",
                "test");
        run(mirror, table);
        String delta = "delta.`" + root + "`";

        SparkSql.run("OPTIMIZE " + delta).requireSuccess();
        assertFalse(captionStatisticsInLog(root), "Spark's OPTIMIZE collects no statistics on text (the table says so)");
        changeOnePostAndRun(mirror, table, "p1");
        assertTrue(changeOnePostAndRun(mirror, table, "p2").message().startsWith("rewrote 1 of"),
                "after OPTIMIZE, one change rewrites one group again");

        SparkSql.run("OPTIMIZE " + delta + " ZORDER BY (like_count)").requireSuccess();
        changeOnePostAndRun(mirror, table, "p3");

        SparkSql.run("DELETE FROM " + delta + " WHERE external_id = 'p4'").requireSuccess();
        MirrorResult afterDelete = changeOnePostAndRun(mirror, table, "p6");
        assertTrue(afterDelete.message().startsWith("whole table"), "rows another writer changed: " + afterDelete.summary());

        long beforeRestore = table.current().orElseThrow().version();
        changeOnePostAndRun(mirror, table, "p7");
        SparkSql.run("RESTORE TABLE " + delta + " TO VERSION AS OF " + beforeRestore).requireSuccess();
        changeOnePostAndRun(mirror, table, "p8");

        SparkSql.run("VACUUM " + delta + " RETAIN 0 HOURS").requireSuccess();
        changeOnePostAndRun(mirror, table, "p9");
        assertTrue(changeOnePostAndRun(mirror, table, "p11").message().startsWith("rewrote 1 of"));

        long likes = view().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(List.of("{\"n\":" + view().size() + ",\"likes\":" + likes + "}"),
                SparkSql.run("SELECT count(*) AS n, sum(like_count) AS likes FROM " + delta).requireSuccess().lines(),
                "Spark reads what the mirror wrote");
    }

    @Test
    void deletionVectorsAnotherWriterEnabledAreRewrittenAwayAndTheMirrorGoesOn() throws Exception {
        SparkSql.assumeAvailable();
        SeededPosts.numbered(0, 39).postedFrom("2026-05-01 00:30:00+00", "hours => 20 * i").replaceAll();
        Path root = TempFiles.directory("dv-warehouse").resolve("gold/social_posts");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
        GoldTableMirror mirror = new GoldTableMirror("social_posts", config.mirrors().get("social_posts"), table,
                dataSource, "postgresql://test", "test");
        run(mirror, table);
        String delta = "delta.`" + root + "`";
        SparkSql.run("ALTER TABLE " + delta + " SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')",
                "DELETE FROM " + delta + " WHERE external_id = 'p4'").requireSuccess();

        SourceDatabase.execute("UPDATE social_posts SET like_count = 999 WHERE external_id = 'p5'");
        // Kernel writes to a table with the deletionVectors feature (it writes none itself); the rows Spark's
        // deletion vector hid are the view's business: the whole table is rewritten from it.
        MirrorResult next = run(mirror, table);
        assertTrue(next.message().startsWith("whole table") && next.message().contains("DELETE"), next.summary());
        assertTrue(changeOnePostAndRun(mirror, table, "p6").message().startsWith("rewrote 1 of"),
                "and incremental again after it");
        Map<String, Long> gold = new TreeMap<>();
        new GoldTableReader(table).readLatest().forEach(row -> gold.put((String) row.get("external_id"),
                ((Number) row.get("like_count")).longValue()));
        assertEquals(view(), gold, "the table equals the view");
        assertEquals(List.of("{\"n\":40}"), SparkSql.run("SELECT count(*) AS n FROM " + delta).requireSuccess().lines());
    }

    private MirrorResult changeOnePostAndRun(GoldTableMirror mirror, GoldTable table, String externalId)
            throws Exception {
        SourceDatabase.execute("UPDATE social_posts SET like_count = like_count + 100 WHERE external_id = '"
                + externalId + "'");
        return run(mirror, table);
    }

    private MirrorResult run(GoldTableMirror mirror, GoldTable table) throws Exception {
        MirrorResult result = mirror.run();
        assertEquals(MirrorResult.Outcome.MIRRORED, result.outcome(), result.summary());
        Map<String, Long> gold = new TreeMap<>();
        new GoldTableReader(table).readLatest().forEach(row -> gold.put((String) row.get("external_id"),
                ((Number) row.get("like_count")).longValue()));
        assertEquals(view(), gold, "the table equals the view after: " + result.summary());
        return result;
    }

    private static Map<String, Long> view() throws Exception {
        Map<String, Long> rows = new TreeMap<>();
        try (var c = SourceDatabase.connect(); var rs = c.createStatement().executeQuery(
                "SELECT external_id, like_count FROM mirror.social_posts")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    /** Whether any commit's file statistics name the caption column. */
    private static boolean captionStatisticsInLog(Path root) throws Exception {
        try (Stream<Path> commits = Files.list(root.resolve("_delta_log"))) {
            for (Path commit : commits.filter(f -> f.toString().endsWith(".json")).toList()) {
                for (String line : Files.readAllLines(commit)) {
                    JsonNode add = JSON.readTree(line).get("add");
                    if (add != null && add.hasNonNull("stats")
                            && JSON.readTree(add.get("stats").asText()).path("minValues").has("caption")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}

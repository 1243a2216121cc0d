package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.TableVersion;
import com.summitlakehouse.mirror.support.S3Warehouse;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mirror with its gold tables on an S3-compatible store (S3Mock, started by the suite). */
@QuarkusTest
@QuarkusTestResource(value = S3Warehouse.class, restrictToAnnotatedClass = true)
class MirrorOnS3Test {

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void goldTablesOnS3HoldTheVisibleRowsWithCommentsAndLineageAndFollowChanges() throws Exception {
        SeededPosts.numbered(0, 39).postedFrom("2026-07-01 00:30:00+00", "hours => 7 * i")
                .visibleWhere("i % 4 <> 0").replaceAll();
        String warehouse = S3Warehouse.newWarehouse();
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        GoldTable table = job.table(warehouse, posts);
        assertTrue(table.location().startsWith("s3://warehouse/mirror-warehouse-"), table.location());
        GoldTableMirror mirror = new GoldTableMirror("social_posts", posts, table, dataSource,
                "postgresql://test", "test");

        MirrorResult first = mirror.run();
        assertEquals(MirrorResult.Outcome.MIRRORED, first.outcome(), first.summary());
        GoldTableReader reader = new GoldTableReader(table);
        List<Map<String, Object>> rows = reader.readLatest();
        assertEquals(SourceDatabase.visiblePostIds(), MirrorJobTest.ids(rows));
        reader.columnComments().forEach((column, comment) -> assertFalse(comment == null || comment.isBlank(), column));
        TableVersion version = table.current().orElseThrow();
        assertEquals("mirror-service", version.lineage("job").orElseThrow());
        assertEquals("30", version.lineage("rows").orElseThrow());

        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p1';"
                + "UPDATE social_posts SET like_count = 77 WHERE external_id = 'p2'");
        MirrorResult second = mirror.run();
        assertTrue(second.message().startsWith("rewrote 1 of"), second.summary());
        List<Map<String, Object>> after = reader.readLatest();
        assertEquals(SourceDatabase.visiblePostIds(), MirrorJobTest.ids(after));
        assertEquals(77, after.stream().filter(r -> r.get("external_id").equals("p2")).findFirst().orElseThrow()
                .get("like_count"));
        assertEquals(30, reader.readVersion(0).size(), "the first version stays readable");

        assertEquals(MirrorResult.Outcome.UNCHANGED, mirror.run().outcome());
        table.probeWritable();
    }
}

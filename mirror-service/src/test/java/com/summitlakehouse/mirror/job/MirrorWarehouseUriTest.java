package com.summitlakehouse.mirror.job;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A warehouse written as {@code file:///...} (the form Spark and most tools write): once, vacuum compared the
 * listing's {@code file:/...} paths with that root, matched nothing, and deleted the current version's files as
 * soon as they were older than the retention. Every row must stay readable however the setting is spelled.
 */
@QuarkusTest
class MirrorWarehouseUriTest {

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFileUriWarehouseKeepsEveryDayThroughVacuum() throws Exception {
        SeededPosts.numbered(0, 39).postedFrom("2026-05-01 00:30:00+00", "hours => 20 * i")
                .visibleWhere("i % 4 <> 0").replaceAll();
        Path root = TempFiles.directory("uri-warehouse");
        String warehouse = "file://" + root.toAbsolutePath();
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        GoldTable table = job.table(warehouse, posts);
        GoldTableMirror mirror = new GoldTableMirror("social_posts", posts, table, dataSource,
                "postgresql://test", "test");
        MirrorResult first = mirror.run(true);
        assertEquals(MirrorResult.Outcome.MIRRORED, first.outcome(), first.summary());

        // Days of posts that no longer change: their files pass the file retention.
        FileTime nineDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(9)));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, nineDaysAgo);
            }
        }
        SourceDatabase.execute("UPDATE social_posts SET like_count = 500 WHERE external_id = 'p1'");
        MirrorResult second = mirror.run();
        assertTrue(second.message().startsWith("rewrote 1 of"), second.summary());
        assertTrue(second.upkeepFailures().isEmpty(), second.summary());

        assertEquals(SourceDatabase.visiblePostIds(), MirrorJobTest.ids(new GoldTableReader(table).readLatest()),
                "every visible post is readable after the vacuum");
        assertEquals(SourceDatabase.visiblePostIds(), MirrorJobTest.ids(new GoldTableReader(
                new GoldTable(root.resolve(posts.table()).toString(), com.summitlakehouse.delta.GoldTableOptions
                        .defaults())).readLatest()), "and through the plain path too");
    }
}

package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The grouped mirror: a run rewrites the UTC hours that changed, and ends where a whole rewrite would. */
@QuarkusTest
class MirrorIncrementalTest {

    @Inject
    MirrorJob job;

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void seed() {
        // 60 posts, one every 5 hours from 1 July, each in an hour of its own; every third one hidden: 40 groups.
        SeededPosts.numbered(0, 59).postedFrom("2026-07-01 00:30:00+00", "hours => 5 * i")
                .hashtags("ARRAY['trip', 'day' || i]").visibleWhere("i % 3 <> 0").replaceAll();
    }

    GoldTable posts() {
        return table("gold/social_posts");
    }

    static GoldTable table(String name) {
        return new GoldTable(SourceDatabase.warehouse().resolve(name).toString(), GoldTableOptions.defaults());
    }

    MirrorResult mirrorPosts() {
        MirrorResult result = job.mirror("social_posts", config.mirrors().get("social_posts")).run(false);
        assertFalse(result.failed(), result.summary());
        return result;
    }

    @Test
    void aChangeRewritesOnlyTheHourItTouches() throws Exception {
        MirrorResult first = job.mirror("social_posts", config.mirrors().get("social_posts")).run(true);
        assertTrue(first.message().startsWith("whole table, 40 groups"), first.summary());
        Map<String, List<Path>> before = filesByGroup();

        SourceDatabase.execute("UPDATE social_posts SET like_count = 999 WHERE external_id = 'p7'"); // 2 July 11:30
        MirrorResult second = mirrorPosts();

        assertEquals(MirrorResult.Outcome.MIRRORED, second.outcome());
        assertEquals("rewrote 1 of 40 groups, 1 rows", second.message(), second.summary());
        Map<String, List<Path>> after = filesByGroup();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((group, files) -> {
            // Replaced files stay on disk until vacuum's retention has passed.
            if (group.equals("group-2026-07-02T11")) {
                assertTrue(after.get(group).size() > files.size(), "the changed hour has new files");
            } else {
                assertEquals(files, after.get(group), group + " is not rewritten");
            }
        });
        assertEquals(999, row("p7").get("like_count"));
        assertEquals(SourceDatabase.visiblePostIds(), MirrorJobTest.ids(new GoldTableReader(posts()).readLatest()));
    }

    @Test
    void hiddenAndDeletedRowsDisappearAndTheHoursTheyEmptiedAreDropped() throws Exception {
        mirrorPosts();
        // p1 (1 July 05:30) hidden, p2 (10:30) and p4 (20:30) deleted: each the only post of its hour.
        SourceDatabase.execute("""
                UPDATE social_posts SET is_visible = false WHERE external_id = 'p1';
                DELETE FROM social_posts WHERE external_id IN ('p2', 'p4');
                """);
        MirrorResult result = mirrorPosts();

        assertEquals("rewrote 0 of 37 groups, 0 rows, dropped 3", result.message(), result.summary());
        Set<String> gold = MirrorJobTest.ids(new GoldTableReader(posts()).readLatest());
        assertFalse(gold.contains("p1"));
        assertFalse(gold.contains("p2"));
        assertEquals(SourceDatabase.visiblePostIds(), gold);
        assertFalse(posts().current().orElseThrow().groups().orElseThrow().fingerprints()
                .containsKey("2026-07-01T05"));

        SourceDatabase.execute("UPDATE social_posts SET is_visible = false WHERE external_id = 'p5'");
        mirrorPosts();
        assertFalse(MirrorJobTest.ids(new GoldTableReader(posts()).readLatest()).contains("p5"));
    }

    @Test
    void manyRandomChangesEndExactlyWhereAWholeRewriteOfTheSameSnapshotEnds() throws Exception {
        mirrorPosts();
        GoldTable whole = table("gold/social_posts_whole");
        GoldTableMirror wholeMirror = new GoldTableMirror("social_posts", config.mirrors().get("social_posts"), whole,
                dataSource, "test", "test");
        Random random = new Random(20261130);
        int partialRuns = 0;
        int next = 60;
        for (int round = 0; round < 15; round++) {
            StringBuilder sql = new StringBuilder();
            for (int change = 0; change < 1 + random.nextInt(4); change++) {
                String post = "'p" + random.nextInt(next) + "'";
                sql.append(switch (random.nextInt(6)) {
                    case 0 -> "INSERT INTO social_posts (platform, external_id, author_handle, posted_at, is_visible) "
                            + "VALUES ('x', 'p" + next++ + "', '@new', timestamptz '2026-07-01 00:00:00+00' + "
                            + "make_interval(hours => " + random.nextInt(400) + "), true);";
                    case 1 -> "UPDATE social_posts SET like_count = like_count + 1 WHERE external_id = " + post + ";";
                    case 2 -> "UPDATE social_posts SET is_visible = false WHERE external_id = " + post + ";";
                    case 3 -> "UPDATE social_posts SET is_visible = true WHERE external_id = " + post + ";";
                    case 4 -> "DELETE FROM social_posts WHERE external_id = " + post + ";";
                    default -> "UPDATE social_posts SET posted_at = posted_at + interval '3 days', caption = NULL "
                            + "WHERE external_id = " + post + ";";
                });
            }
            SourceDatabase.execute(sql.toString());

            MirrorResult incremental = mirrorPosts();
            MirrorResult full = wholeMirror.run(true);
            assertFalse(full.failed(), full.summary());
            if (incremental.message() != null && incremental.message().startsWith("rewrote")) {
                partialRuns++;
            }
            assertEquals(sorted(new GoldTableReader(whole).readLatest()),
                    sorted(new GoldTableReader(posts()).readLatest()), "round " + round + ": " + sql);
            assertEquals(whole.current().orElseThrow().groups(), posts().current().orElseThrow().groups());
        }
        assertTrue(partialRuns >= 10, "most runs rewrote single groups: " + partialRuns);
    }

    @Test
    void anotherGroupingOrFullRewritesTheWholeTable() {
        MirrorConfig.Mirror grouped = config.mirrors().get("social_posts");
        MirrorConfig.Mirror byUpdate = groupedBy("updated_at");
        mirrorPosts();
        MirrorResult regrouped = job.mirror("social_posts", byUpdate).run(false);
        assertTrue(regrouped.message().startsWith("whole table, 1 groups"), regrouped.summary());
        assertTrue(mirrorPosts().message().startsWith("whole table, 40 groups"));
        assertEquals(MirrorResult.Outcome.UNCHANGED, mirrorPosts().outcome());
        MirrorResult full = job.mirror("social_posts", grouped).run(true);
        assertEquals(MirrorResult.Outcome.MIRRORED, full.outcome());
        assertTrue(full.message().startsWith("whole table, 40 groups"), full.summary());
    }

    @Test
    void aGroupColumnThatIsNoDayFailsClearly() {
        MirrorConfig.Mirror byText = groupedBy("caption");
        MirrorResult result = job.mirror("social_posts", byText).run(false);
        assertEquals(MirrorResult.Outcome.FAILED, result.outcome());
        assertEquals("Group column caption has type text; rows can only be grouped by a date or timestamp column",
                result.message());
    }

    /** The posts mirror as configured, but grouped by another column. */
    private MirrorConfig.Mirror groupedBy(String column) {
        MirrorConfig.Mirror posts = config.mirrors().get("social_posts");
        return new MirrorConfig.Mirror() {
            public String source() {
                return posts.source();
            }

            public List<String> columns() {
                return posts.columns();
            }

            public Optional<List<String>> changeColumns() {
                return posts.changeColumns();
            }

            public Optional<String> groupBy() {
                return Optional.of(column);
            }

            public String table() {
                return posts.table();
            }

            public Optional<List<String>> textStatistics() {
                return posts.textStatistics();
            }
        };
    }

    private Map<String, Object> row(String externalId) {
        return new GoldTableReader(posts()).readLatest().stream().filter(r -> r.get("external_id").equals(externalId))
                .findFirst().orElseThrow();
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
        return rows.stream().sorted(Comparator.comparing(r -> (String) r.get("external_id"))).toList();
    }

    /** The data files on disk (replaced ones too, until vacuum), by group directory. */
    static Map<String, List<Path>> filesByGroup() throws IOException {
        Path root = SourceDatabase.warehouse().resolve("gold/social_posts");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> f.getParent().getFileName().toString().startsWith("group-"))
                    .collect(Collectors.groupingBy(f -> f.getParent().getFileName().toString(),
                            Collectors.mapping(f -> f, Collectors.collectingAndThen(Collectors.toList(),
                                    list -> list.stream().sorted().toList()))));
        }
    }
}

package com.summitlakehouse.mirror.job;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.StoredText;
import com.summitlakehouse.mirror.support.SeededPosts;
import com.summitlakehouse.mirror.support.SourceDatabase;
import io.agroal.api.AgroalDataSource;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Withdrawn content leaves every version of the lake: a post hidden or deleted, a question unpublished or rejected
 * after it was published. After the run (with purge.within=0), no version any reader can open holds the row, no
 * Parquet file under the table (referenced or not, decoded) and no log, checkpoint or checksum file holds its text,
 * and time travel to the version before answers an error, not rows.
 */
@QuarkusTest
class MirrorPurgeTest {

    static final String POST_TEXT = "AAA-OFFENSIVE doxxing 555-0100";
    static final String DELETED_TEXT = "BBB-DELETED-POST 555-0111";
    static final String UNPUBLISHED_TEXT = "CCC-UNPUBLISHED asker 555-0122";
    static final String REJECTED_TEXT = "DDD-REJECTED-LATER 555-0133";
    /** Every text a gold table's files could carry, read as text wherever it is. */
    static final StructType TEXT = new StructType().add("caption", StringType.STRING)
            .add("author_handle", StringType.STRING).add("question_text", StringType.STRING)
            .add("asker_name", StringType.STRING).add("answer_text", StringType.STRING);

    @Inject
    MirrorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void hiddenDeletedUnpublishedAndRejectedRowsLeaveEveryVersionAndEveryFile() throws Exception {
        SeededPosts.numbered(0, 99).postedFrom("2026-05-01 00:30:00+00", "hours => 20 * i")
                .caption("""
                        CASE i WHEN 7 THEN 'AAA-OFFENSIVE doxxing 555-0100' WHEN 40 THEN 'BBB-DELETED-POST 555-0111'
                               ELSE 'caption ' || i END""").replaceAll();
        SourceDatabase.execute("""
                INSERT INTO qa_questions (asker_name, question_text, status, answer_text, published_at, answered_at)
                SELECT 'asker ' || i,
                       CASE i WHEN 3 THEN 'CCC-UNPUBLISHED asker 555-0122' WHEN 5 THEN 'DDD-REJECTED-LATER 555-0133'
                              ELSE 'question ' || i END,
                       'published', 'answer ' || i,
                       timestamptz '2026-05-01 12:00:00+00' + make_interval(hours => 30 * i), now()
                  FROM generate_series(0, 19) AS i;
                """);
        Path warehouse = TempFiles.directory("purge-warehouse");
        GoldTableMirror posts = mirror("social_posts", warehouse);
        GoldTableMirror questions = mirror("qa_published", warehouse);
        assertEquals(MirrorResult.Outcome.MIRRORED, posts.run().outcome());
        assertEquals(MirrorResult.Outcome.MIRRORED, questions.run().outcome());
        Path postsRoot = warehouse.resolve("gold/social_posts");
        Path questionsRoot = warehouse.resolve("gold/qa_published");
        assertEquals(1, StoredText.filesHolding(postsRoot, POST_TEXT, TEXT).size(), "the search finds what is there");
        assertEquals(List.of(), StoredText.filesHolding(postsRoot.resolve("_delta_log"), POST_TEXT, TEXT),
                "no caption statistics in the log, from the first version on");

        SourceDatabase.execute("""
                UPDATE social_posts SET is_visible = false WHERE external_id = 'p7';
                DELETE FROM social_posts WHERE external_id = 'p40';
                UPDATE qa_questions SET status = 'answered', published_at = NULL
                 WHERE question_text LIKE 'CCC-%';
                UPDATE qa_questions SET status = 'rejected', published_at = NULL
                 WHERE question_text LIKE 'DDD-%';
                """);
        MirrorResult hidden = posts.run();
        MirrorResult unpublished = questions.run();
        assertTrue(hidden.message().startsWith("rewrote "), hidden.summary());
        assertTrue(hidden.summary().contains("purged 2 files"), hidden.summary());
        assertTrue(unpublished.summary().contains("purged 2 files"), unpublished.summary());

        for (String text : List.of(POST_TEXT, DELETED_TEXT)) {
            assertEquals(List.of(), StoredText.filesHolding(postsRoot, text, TEXT), text + " is in no file");
        }
        for (String text : List.of(UNPUBLISHED_TEXT, REJECTED_TEXT)) {
            assertEquals(List.of(), StoredText.filesHolding(questionsRoot, text, TEXT), text + " is in no file");
        }
        assertEquals(98, new GoldTableReader(table(postsRoot)).readLatest().size());
        assertEquals(18, new GoldTableReader(table(questionsRoot)).readLatest().size());
        for (Path root : List.of(postsRoot, questionsRoot)) {
            RuntimeException timeTravel = assertThrows(RuntimeException.class,
                    () -> new GoldTableReader(table(root)).readVersion(0), "version 0 of " + root);
            assertTrue(String.valueOf(timeTravel.getMessage()).contains("does not exist"), timeTravel.getMessage());
        }
    }

    private GoldTableMirror mirror(String name, Path warehouse) {
        MirrorConfig.Mirror mirror = config.mirrors().get(name);
        return new GoldTableMirror(name, mirror, new GoldTable(warehouse.resolve(mirror.table()).toString(),
                GoldTableOptions.defaults().withPurgeWithin(Duration.ZERO)), dataSource, "postgresql://test",
                "test");
    }

    private static GoldTable table(Path root) {
        return new GoldTable(root.toString(), GoldTableOptions.defaults());
    }

}

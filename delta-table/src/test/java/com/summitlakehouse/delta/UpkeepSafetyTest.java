package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableGroupsTest.group;
import static com.summitlakehouse.delta.GoldTableGroupsTest.layout;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.ids;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.testing.SparkSql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Upkeep (vacuum, checkpoints, log cleanup) against the faults that once lost data, on local disk. */
class UpkeepSafetyTest {

    static final S3Settings NO_S3 = S3Settings.fromEnvironment(Map.of(), Optional.empty());

    @TempDir
    Path dir;

    /** Groups a (ids 0..9), b (10..19), c (20..29). */
    static void writeThreeGroups(GoldTable table) {
        table.overwrite(SCHEMA, List.of(group("a", 0, 10), group("b", 10, 10), group("c", 20, 10)),
                layout().with("a", "fa").with("b", "fb").with("c", "fc").build(), lineage("fp-1", 30),
                Optional.empty());
    }

    /** Group b becomes ids 10..14: 25 rows in all, ids 0..14 and 20..29. */
    static OverwriteResult replaceB(GoldTable table) {
        return table.replaceGroups(SCHEMA, List.of(group("b", 10, 5)), Set.of(),
                layout().with("a", "fa").with("b", "fb2").with("c", "fc").build(), lineage("fp-2", 25),
                table.current().orElseThrow());
    }

    static final List<Long> AFTER_B = LongStream.concat(LongStream.range(0, 15), LongStream.range(20, 30)).boxed()
            .toList();

    /** As a day of posts that no longer changes: every file of the table last modified {@code ago}. */
    static void age(Path root, Duration ago) throws IOException {
        FileTime then = FileTime.from(Instant.now().minus(ago));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, then);
            }
        }
    }

    /** The same directory named in each form a setting may take. */
    private List<String> locationForms() throws IOException {
        List<String> forms = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Files.createDirectories(dir.resolve("ware house/" + i));
        }
        Path base = dir.resolve("ware house").toAbsolutePath();
        forms.add(base.resolve("0/t").toUri().toString());                                   // file:///.../ware%20house/0/t
        forms.add("file://localhost" + base.resolve("1/t").toUri().getRawPath());           // file://localhost/...%20...
        forms.add("file:" + base.resolve("2/t"));                                            // file:/.../ware house/2/t
        forms.add(base.resolve("3/../3/./t").toString());                                    // a plain path with ..
        forms.add(base.resolve("4/t").toUri() + "/");                                        // a trailing slash
        return forms;
    }

    @Test
    void vacuumKeepsEveryCurrentFileWhateverFormTheLocationTakes() throws IOException {
        List<String> forms = locationForms();
        for (int i = 0; i < forms.size(); i++) {
            GoldTable table = new GoldTable(forms.get(i), GoldTableOptions.defaults());
            writeThreeGroups(table);
            age(dir.resolve("ware house/" + i + "/t"), Duration.ofDays(9));
            OverwriteResult result = replaceB(table);
            assertEquals(List.of(), result.upkeepFailures(), forms.get(i));
            assertEquals(AFTER_B, ids(new GoldTableReader(table).readLatest()), "every row of " + forms.get(i));
            assertEquals(0, table.vacuum(), "nothing more to delete in " + forms.get(i));
            assertEquals(AFTER_B, ids(new GoldTableReader(new GoldTable(forms.get(i), GoldTableOptions.defaults()))
                    .readLatest()), "every row of " + forms.get(i) + " reopened");
        }
        SparkSql.Result spark = SparkSql.run(IntStream.range(0, forms.size())
                .mapToObj(i -> "SELECT count(*) AS n, sum(id) AS s FROM delta.`" + dir.resolve("ware house/" + i
                        + "/t").toAbsolutePath() + "`").toArray(String[]::new)).requireSuccess();
        long sum = AFTER_B.stream().mapToLong(Long::longValue).sum();
        assertEquals(Collections.nCopies(forms.size(), "{\"n\":25,\"s\":" + sum + "}"), spark.lines(),
                "Spark reads every row of every form");
    }

    @Test
    void aCheckpointWhoseSourceReadFailsIsNeverPublishedAndNoRowIsLost() throws IOException {
        AtomicBoolean checkpointing = new AtomicBoolean();
        AtomicBoolean armed = new AtomicBoolean();
        FaultyStorage.Fault fault = (operation, path) -> {
            if (!armed.get()) {
                return;
            }
            if (operation == FaultyStorage.Operation.CREATE && path.contains("checkpoint.parquet")) {
                checkpointing.set(true);
            }
            if (checkpointing.get() && operation == FaultyStorage.Operation.READ
                    && path.endsWith("00000000000000000000.json")) {
                throw new IOException("injected: " + path + " unreadable for a moment");
            }
        };
        Path root = dir.resolve("t");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults().withCheckpointInterval(3), NO_S3,
                storage -> new FaultyStorage(storage, fault));
        writeThreeGroups(table);
        replaceB(table);
        replaceB(table);
        armed.set(true);
        // Version 3 asks for a checkpoint; group a's files are added only in version 0, the read that fails.
        OverwriteResult third = table.replaceGroups(SCHEMA, List.of(group("c", 20, 10)), Set.of(),
                layout().with("a", "fa").with("b", "fb2").with("c", "fc2").build(), lineage("fp-3", 25),
                table.current().orElseThrow());
        armed.set(false);

        assertEquals(3, third.version(), "the commit stands");
        assertFalse(third.checkpointed());
        assertTrue(third.upkeepFailures().stream().anyMatch(line -> line.startsWith("checkpoint of version 3 failed")),
                "the failed checkpoint is reported: " + third.upkeepFailures());
        assertTrue(checkpointing.get(), "the fault struck while the checkpoint was written");
        assertEquals(List.of(), logFiles(root, name -> name.contains("checkpoint")), "no checkpoint to be misread");
        assertEquals(AFTER_B, ids(new GoldTableReader(table).readLatest()));

        age(root, Duration.ofDays(9));
        table.vacuum();
        assertEquals(AFTER_B, ids(new GoldTableReader(new GoldTable(root.toString(), GoldTableOptions.defaults()))
                .readLatest()), "vacuum after the failed checkpoint deletes no file the table needs");

        // The next checkpoint (version 6) is written whole.
        for (int i = 0; i < 3; i++) {
            replaceB(table);
        }
        assertEquals(1, logFiles(root, name -> name.endsWith(".checkpoint.parquet")).size());
        assertEquals(AFTER_B, ids(new GoldTableReader(new GoldTable(root.toString(), GoldTableOptions.defaults()))
                .readLatest()));
    }

    @Test
    void aWriterKilledDuringALocalCheckpointLeavesTheTableReadableAndWritable() throws Exception {
        Path root = dir.resolve("t");
        Process crasher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), CheckpointCrasher.class.getName(),
                root.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(CheckpointCrasher.HALTED, crasher.waitFor(), "the writer died in its checkpoint");

        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults().withCheckpointInterval(2));
        assertEquals(2, table.current().orElseThrow().version());
        assertEquals(30, new GoldTableReader(table).readLatest().size(), "every row of version 2");
        assertEquals(10, new GoldTableReader(table).readVersion(0).size());
        assertEquals(List.of(), logFiles(root, name -> name.endsWith(".checkpoint.parquet")),
                "no partial checkpoint where readers look");

        OverwriteResult next = table.overwrite(SCHEMA, rows(0, 35).iterator(), lineage("v3", 35));
        OverwriteResult after = table.overwrite(SCHEMA, rows(0, 40).iterator(), lineage("v4", 40));
        assertEquals(List.of(), next.upkeepFailures());
        assertTrue(after.checkpointed(), "the next checkpoint is written whole");
        assertEquals(40, new GoldTableReader(new GoldTable(root.toString(), GoldTableOptions.defaults()))
                .readLatest().size());
    }

    @Test
    void anotherEnginesSettingsAreKeptAndItsCommitsAreNotCleanedUp() throws IOException {
        Path root = dir.resolve("t");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults().withCheckpointInterval(2));
        table.overwrite(SCHEMA, rows(0, 10).iterator(), lineage("v0", 10));
        SparkSql.run("ALTER TABLE delta.`" + root + "` SET TBLPROPERTIES ('delta.enableExpiredLogCleanup' = "
                + "'false', 'team.owner' = 'analytics')").requireSuccess();
        // Every commit so far looks 60 days old: past any log retention.
        age(root, Duration.ofDays(60));
        for (int v = 2; v <= 5; v++) {
            OverwriteResult result = table.overwrite(SCHEMA, rows(0, 10 + v).iterator(), lineage("v" + v, 10 + v));
            assertEquals(List.of(), result.upkeepFailures());
        }
        Map<String, String> properties = table.current().orElseThrow().properties();
        assertEquals("false", properties.get("delta.enableExpiredLogCleanup"));
        assertEquals("analytics", properties.get("team.owner"));
        assertTrue(logFiles(root, name -> name.endsWith(".checkpoint.parquet")).size() >= 2, "checkpoints were made");
        assertEquals(6, logFiles(root, name -> name.matches("\\d{20}\\.json")).size(), "no commit was deleted");
        assertEquals(10, new GoldTableReader(table).readVersion(0).size());
    }

    @Test
    void deletionVectorsOfAnotherWriterAreNeverVacuumedAway() throws IOException {
        Path root = dir.resolve("t");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
        table.overwrite(SCHEMA, rows(0, 100).iterator(), lineage("v0", 100));
        SparkSql.run("ALTER TABLE delta.`" + root + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')",
                "DELETE FROM delta.`" + root + "` WHERE id < 3").requireSuccess();
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("deletion_vector_")),
                    "Spark wrote a deletion vector");
        }
        age(root, Duration.ofDays(9));
        int vacuumed;
        try {
            vacuumed = table.vacuum();
        } catch (GoldTableException refused) {
            assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
            vacuumed = 0;
        }
        assertEquals(0, vacuumed, "every file is still needed by the latest version");
        assertEquals(List.of("{\"n\":97}"), SparkSql.run("SELECT count(*) AS n FROM delta.`" + root + "`")
                .requireSuccess().lines(), "Spark reads the table, deletion vector and all");
    }

    static List<String> logFiles(Path root, java.util.function.Predicate<String> name) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("_delta_log"))) {
            return files.map(f -> f.getFileName().toString()).filter(name).sorted().toList();
        }
    }
}

package com.summitlakehouse.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTableTest {

    static final TableSchema SCHEMA = TableSchema.of(
            new Column("id", ColumnType.LONG, false, "Row id"),
            new Column("name", ColumnType.STRING, true, "A name"),
            new Column("score", ColumnType.INTEGER, true, "A score"),
            new Column("flag", ColumnType.BOOLEAN, true, "A flag"),
            new Column("day", ColumnType.DATE, true, "A day"),
            new Column("at", ColumnType.TIMESTAMP, true, "A moment, UTC"),
            new Column("tags", ColumnType.STRING_ARRAY, true, "Some tags"));

    @TempDir
    Path dir;

    static List<Object[]> rows(int from, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(new Object[] {(long) i, "name " + i, i % 7 == 0 ? null : i, i % 2 == 0,
                    LocalDate.of(2026, 7, 1).plusDays(i % 35), Instant.parse("2026-07-01T10:15:30.123456Z").plusSeconds(i),
                    List.of("tag" + i % 3, "all")});
        }
        return rows;
    }

    static Lineage lineage(String fingerprint, long rows) {
        return new Lineage("test://source", fingerprint, "gold-table-test", "1", rows);
    }

    GoldTable table(GoldTableOptions options) {
        return new GoldTable(dir.resolve("t").toString(), options);
    }

    static List<Long> ids(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> (Long) r.get("id")).sorted().toList();
    }

    @Test
    void overwriteReplacesTheWholeSnapshotAndKeepsThePreviousForTimeTravel() {
        GoldTable table = table(GoldTableOptions.defaults());
        OverwriteResult first = table.overwrite(SCHEMA, rows(0, 100).iterator(), lineage("fp-1", 100));
        OverwriteResult second = table.overwrite(SCHEMA, rows(50, 20).iterator(), lineage("fp-2", 20));
        assertEquals(0, first.version());
        assertEquals(1, second.version());

        GoldTableReader reader = new GoldTableReader(table);
        assertEquals(ids(rows(50, 20).stream().map(r -> Map.of("id", r[0])).collect(Collectors.toList())),
                ids(reader.readLatest()));
        assertEquals(100, reader.readVersion(0).size());
        assertEquals("fp-2", table.current().orElseThrow().sourceFingerprint().orElseThrow());
        assertEquals("20", table.current().orElseThrow().lineage("rows").orElseThrow());
        assertEquals("gold-table-test", table.current().orElseThrow().lineage("job").orElseThrow());
    }

    @Test
    void everyTypeRoundTripsAndEveryColumnKeepsItsDescription() {
        GoldTable table = table(GoldTableOptions.defaults());
        List<Object[]> rows = rows(0, 10);
        rows.add(new Object[] {99L, null, null, null, null, null, null});
        table.overwrite(SCHEMA, rows.iterator(), lineage("fp", 11));
        GoldTableReader reader = new GoldTableReader(table);
        Map<Long, Map<String, Object>> byId = reader.readLatest().stream()
                .collect(Collectors.toMap(r -> (Long) r.get("id"), r -> r));
        for (Object[] expected : rows) {
            Map<String, Object> actual = byId.get((Long) expected[0]);
            assertEquals(Arrays.asList(expected), new ArrayList<>(actual.values()));
        }
        reader.columnComments().forEach((column, comment) -> assertTrue(comment != null, column));
        assertEquals("A moment, UTC", reader.columnComments().get("at"));
    }

    @Test
    void aFailureWhileStreamingLeavesThePreviousVersionIntact() {
        GoldTable table = table(GoldTableOptions.defaults().withTargetFileSizeBytes(4096));
        table.overwrite(SCHEMA, rows(0, 30).iterator(), lineage("fp-1", 30));
        Iterator<Object[]> failing = Stream.iterate(0, i -> i + 1).map(i -> {
            if (i == 5000) {
                throw new IllegalStateException("source connection lost");
            }
            return rows(i, 1).get(0);
        }).iterator();
        assertThrows(RuntimeException.class, () -> table.overwrite(SCHEMA, failing, lineage("fp-2", 10_000)));
        assertEquals(0, table.current().orElseThrow().version());
        assertEquals(30, new GoldTableReader(table).readLatest().size());
        assertEquals(1, table.overwrite(SCHEMA, rows(0, 3).iterator(), lineage("fp-3", 3)).version());
    }

    @Test
    void aFailureAfterTheDataFilesAreWrittenButBeforeTheCommitChangesNothing() throws IOException {
        GoldTable table = table(GoldTableOptions.defaults().withTargetFileSizeBytes(4096));
        table.overwrite(SCHEMA, rows(0, 30).iterator(), lineage("fp-1", 30));
        long filesBefore = dataFiles();
        GoldTableException failure = assertThrows(GoldTableException.class,
                () -> table.overwrite(SCHEMA, rows(0, 2000).iterator(), lineage("fp-2", 1999)));
        assertTrue(failure.getMessage().contains("nothing was committed"), failure.getMessage());
        assertTrue(dataFiles() > filesBefore, "the data files were written");
        assertEquals(0, table.current().orElseThrow().version());
        assertEquals(30, new GoldTableReader(table).readLatest().size());
        assertEquals(1, table.overwrite(SCHEMA, rows(0, 2000).iterator(), lineage("fp-2", 2000)).version());
    }

    @Test
    void aValueOfTheWrongTypeNamesRowAndColumnAndCommitsNothing() {
        GoldTable table = table(GoldTableOptions.defaults());
        table.overwrite(SCHEMA, rows(0, 3).iterator(), lineage("fp-1", 3));
        List<Object[]> bad = rows(0, 3);
        bad.get(1)[2] = "seven";
        GoldTableException failure = assertThrows(GoldTableException.class,
                () -> table.overwrite(SCHEMA, bad.iterator(), lineage("fp-2", 3)));
        assertTrue(failure.getMessage().contains("Row 2: column score"), failure.getMessage());
        assertEquals(0, table.current().orElseThrow().version());
    }

    @Test
    void aCheckpointAppearsEveryNVersionsAndExpiredLogsGo() throws Exception {
        GoldTable table = table(GoldTableOptions.defaults().withCheckpointInterval(3)
                .withRetention(Duration.ofMillis(1), Duration.ofMillis(1)));
        List<Boolean> checkpointed = new ArrayList<>();
        for (int v = 0; v < 7; v++) {
            checkpointed.add(table.overwrite(SCHEMA, rows(v, 5).iterator(), lineage("fp-" + v, 5)).checkpointed());
            Thread.sleep(20);
        }
        assertEquals(List.of(false, false, false, true, false, false, true), checkpointed);
        Path log = dir.resolve("t/_delta_log");
        assertTrue(Files.exists(log.resolve("00000000000000000006.checkpoint.parquet")));
        for (int v = 0; v < 6; v++) {
            assertFalse(Files.exists(log.resolve(String.format("%020d.json", v))), "expired commit " + v + " is removed");
        }
        assertFalse(Files.exists(log.resolve("00000000000000000003.checkpoint.parquet")), "superseded checkpoint");
        assertEquals(5, new GoldTableReader(table).readLatest().size());
    }

    @Test
    void upkeepDeletesOnlyUnreferencedFilesOlderThanTheRetention() throws Exception {
        Instant start = Instant.now();
        GoldTableOptions options = GoldTableOptions.defaults().withClock(Clock.fixed(start, ZoneOffset.UTC));
        GoldTable table = table(options);
        table.overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp-1", 10));
        table.overwrite(SCHEMA, rows(10, 10).iterator(), lineage("fp-2", 10));
        table.overwrite(SCHEMA, rows(20, 10).iterator(), lineage("fp-3", 10));
        assertEquals(3, dataFiles(), "inside the retention every version's files stay");
        assertEquals(10, new GoldTableReader(table).readVersion(0).size());

        Path orphan = dir.resolve("t/orphan-from-a-crashed-writer.parquet");
        Files.writeString(orphan, "x");
        Path fresh = dir.resolve("t/fresh-uncommitted.parquet");
        Files.writeString(fresh, "x");
        Files.setLastModifiedTime(orphan, java.nio.file.attribute.FileTime.from(start.minus(Duration.ofDays(8))));
        assertEquals(1, table.vacuum(), "only the old unreferenced file goes");
        assertFalse(Files.exists(orphan));
        assertTrue(Files.exists(fresh));

        // Eight days on, the removed versions' files (and the now old uncommitted one) are past the retention; the
        // latest version's files are not touched, however old.
        for (Path file : listData()) {
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(start.minus(Duration.ofDays(9))));
        }
        GoldTable later = new GoldTable(dir.resolve("t").toString(),
                options.withClock(Clock.fixed(start.plus(Duration.ofDays(8)), ZoneOffset.UTC)));
        assertEquals(3, later.vacuum());
        assertFalse(Files.exists(fresh));
        assertEquals(1, dataFiles());
        assertEquals(ids(rows(20, 10).stream().map(r -> Map.of("id", r[0])).collect(Collectors.toList())),
                ids(new GoldTableReader(later).readLatest()));

        // A commit does not list the table: the full vacuum waits for its interval (it ran just now). Once that has
        // passed, the upkeep that is due keeps the new version's file and removes the replaced one, whose removal
        // (stamped by Kernel's real clock) is 8 days old on this clock.
        OverwriteResult next = later.overwrite(SCHEMA, rows(40, 10).iterator(), lineage("fp-4", 10));
        assertEquals(0, next.sweep().vacuumed(), "no full vacuum inside its interval");
        assertEquals(2, dataFiles());
        GoldTable anHourOn = new GoldTable(dir.resolve("t").toString(), options.withClock(Clock.fixed(
                start.plus(Duration.ofDays(8)).plus(GoldTableOptions.DEFAULT_VACUUM_EVERY), ZoneOffset.UTC)));
        assertEquals(1, anHourOn.upkeepDue().vacuumed());
        assertEquals(1, dataFiles());
        assertEquals(ids(rows(40, 10).stream().map(r -> Map.of("id", r[0])).collect(Collectors.toList())),
                ids(new GoldTableReader(later).readLatest()));
    }

    @Test
    void twoConcurrentWritersNeverCorruptTheTableAndExactlyOneWins() throws Exception {
        table(GoldTableOptions.defaults()).overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp-0", 10));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // Several rounds: a race for one version is won by timing, and a corrupting store failed only some of them.
        for (int round = 1; round <= 5; round++) {
            CyclicBarrier bothWritten = new CyclicBarrier(2);
            List<Future<OverwriteResult>> runs = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                int from = 1000 * round + 100 * writer;
                runs.add(pool.submit(() -> table(GoldTableOptions.defaults())
                        .overwrite(SCHEMA, waitAtEnd(rows(from, 50).iterator(), bothWritten), lineage("fp-w" + from, 50))));
            }
            int won = 0;
            int lost = 0;
            for (Future<OverwriteResult> run : runs) {
                try {
                    assertEquals(round, run.get().version());
                    won++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ConcurrentCommitException, String.valueOf(e.getCause()));
                    lost++;
                }
            }
            assertEquals(1, won, "round " + round);
            assertEquals(1, lost, "round " + round);
            GoldTable table = table(GoldTableOptions.defaults());
            assertEquals(round, table.current().orElseThrow().version());
            assertEquals(50, new GoldTableReader(table).readLatest().size(), "round " + round + " reads back");
            assertEquals(10, new GoldTableReader(table).readVersion(0).size());
        }
        pool.shutdown();
    }

    @Test
    void anOverwriteDecidedOnAnOlderVersionIsNotCommitted() {
        GoldTable table = table(GoldTableOptions.defaults());
        Optional<TableVersion> none = table.current();
        table.overwrite(SCHEMA, rows(0, 10).iterator(), lineage("fp-1", 10));
        assertThrows(ConcurrentCommitException.class,
                () -> table.overwrite(SCHEMA, rows(0, 5).iterator(), lineage("fp-x", 5), none));

        Optional<TableVersion> seen = table.current();
        table.overwrite(SCHEMA, rows(10, 10).iterator(), lineage("fp-2", 10));
        assertThrows(ConcurrentCommitException.class,
                () -> table.overwrite(SCHEMA, rows(0, 5).iterator(), lineage("fp-x", 5), seen));
        assertEquals(1, table.current().orElseThrow().version());
        assertEquals(ids(rows(10, 10).stream().map(r -> Map.of("id", r[0])).collect(Collectors.toList())),
                ids(new GoldTableReader(table).readLatest()));

        Optional<TableVersion> latest = table.current();
        assertEquals(2, table.overwrite(SCHEMA, rows(0, 5).iterator(), lineage("fp-3", 5), latest).version());
    }

    /** Holds the last row back until the other writer has written all of its own: both commit at once. */
    static Iterator<Object[]> waitAtEnd(Iterator<Object[]> source, CyclicBarrier barrier) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!source.hasNext()) {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return source.hasNext();
            }

            @Override
            public Object[] next() {
                return source.next();
            }
        };
    }

    private long dataFiles() throws IOException {
        return listData().size();
    }

    private List<Path> listData() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("t"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet"))
                    .filter(f -> !f.toString().contains("_delta_log"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .toList();
        }
    }
}

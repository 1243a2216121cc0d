package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file another engine wrote, as Spark's OPTIMIZE leaves one (the groups' rows compacted into one file at the
 * table root, its statistics in the log, timestamps in the writer's session offset), is placed by its statistics on
 * the group column: in every UTC hour from its minimum to its maximum for a timestamp, in days for a date.
 */
class FileGroupsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TableSchema POSTS = TableSchema.of(new Column("id", ColumnType.LONG, false, "Row id"),
            new Column("posted_at", ColumnType.TIMESTAMP, true, "When, UTC"));
    static final TableSchema EVENTS = TableSchema.of(new Column("id", ColumnType.LONG, false, "Row id"),
            new Column("day", ColumnType.DATE, true, "Which day"));

    @TempDir
    Path dir;

    /** Ten posts in one UTC hour, at minutes 5..14; ids from {@code from}. */
    static RowGroup hour(String hour, int from) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {(long) from + i, Instant.parse(hour + ":05:00Z").plusSeconds(60L * i)});
        }
        return new RowGroup(hour, rows.size(), rows::iterator);
    }

    static RowGroup day(String day, int from) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(new Object[] {(long) from + i, LocalDate.parse(day)});
        }
        return new RowGroup(day, rows.size(), rows::iterator);
    }

    static GroupLayout layout(List<RowGroup> groups) {
        Map<String, String> fingerprints = new java.util.TreeMap<>();
        groups.forEach(group -> fingerprints.put(group.name(), "f-" + group.name()));
        return new GroupLayout("sig-1", fingerprints);
    }

    @Test
    void aCompactedFileIsInEveryUtcHourFromItsMinimumToItsMaximum() throws Exception {
        Path root = dir.resolve("posts");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
        List<RowGroup> groups = List.of(hour("2026-05-04T13", 0), hour("2026-05-04T14", 10),
                hour("2026-05-04T16", 20));
        table.overwrite(POSTS, groups, layout(groups), lineage("fp-1", 30), Optional.empty());

        // 13:05Z to 16:14Z, written in a session two hours east of UTC; 15:00 holds no row but lies within.
        compact(root, POSTS, groups, "{\"numRecords\":30,\"minValues\":{\"id\":0,\"posted_at\":"
                + "\"2026-05-04T15:05:00.000+02:00\"},\"maxValues\":{\"id\":29,\"posted_at\":"
                + "\"2026-05-04T18:14:00.000+02:00\"},\"nullCount\":{\"id\":0,\"posted_at\":0}}");

        TableVersion compacted = table.current().orElseThrow();
        assertEquals(Optional.of(Set.of("2026-05-04T13", "2026-05-04T14", "2026-05-04T15", "2026-05-04T16")),
                table.groupsInSharedFiles(compacted, Optional.of("posted_at")));
        assertEquals(30, new GoldTableReader(table).readLatest().size());

        GoldTableException partial = assertThrows(GoldTableException.class, () -> table.replaceGroups(POSTS,
                List.of(hour("2026-05-04T14", 10)), Set.of(), layout(groups), lineage("fp-2", 30), compacted,
                Optional.of("posted_at")));
        assertTrue(partial.getMessage().contains("also holds rows of groups not rewritten"), partial.getMessage());

        // Rewriting every hour the file is in puts each back into its own directory.
        table.replaceGroups(POSTS, groups, Set.of("2026-05-04T15"), layout(groups), lineage("fp-2", 30), compacted,
                Optional.of("posted_at"));
        assertEquals(Optional.of(Set.of()), table.groupsInSharedFiles(table.current().orElseThrow(),
                Optional.of("posted_at")));
        assertEquals(30, new GoldTableReader(table).readLatest().size());
    }

    @Test
    void aCompactedFileOfADateColumnIsInEveryDayFromItsMinimumToItsMaximum() throws Exception {
        Path root = dir.resolve("events");
        GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
        List<RowGroup> groups = List.of(day("2026-05-04", 0), day("2026-05-06", 10));
        table.overwrite(EVENTS, groups, layout(groups), lineage("fp-1", 20), Optional.empty());

        compact(root, EVENTS, groups, "{\"numRecords\":20,\"minValues\":{\"id\":0,\"day\":\"2026-05-04\"},"
                + "\"maxValues\":{\"id\":19,\"day\":\"2026-05-06\"},\"nullCount\":{\"id\":0,\"day\":0}}");

        assertEquals(Optional.of(Set.of("2026-05-04", "2026-05-05", "2026-05-06")),
                table.groupsInSharedFiles(table.current().orElseThrow(), Optional.of("day")));
        assertEquals(20, new GoldTableReader(table).readLatest().size());
    }

    @Test
    void aFileOverMoreHoursThanTheBoundOrWithMixedStatisticsIsInNoKnownGroup() throws Exception {
        for (String minimum : new String[] {"\"2006-05-04T13:05:00.000Z\"", "\"2026-05-04\""}) {
            Path root = dir.resolve("posts-" + UUID.randomUUID());
            GoldTable table = new GoldTable(root.toString(), GoldTableOptions.defaults());
            List<RowGroup> groups = List.of(hour("2026-05-04T13", 0));
            table.overwrite(POSTS, groups, layout(groups), lineage("fp-1", 10), Optional.empty());
            compact(root, POSTS, groups, "{\"numRecords\":10,\"minValues\":{\"id\":0,\"posted_at\":" + minimum
                    + "},\"maxValues\":{\"id\":9,\"posted_at\":\"2026-05-04T13:14:00.000Z\"},"
                    + "\"nullCount\":{\"id\":0,\"posted_at\":0}}");

            assertEquals(Optional.empty(), table.groupsInSharedFiles(table.current().orElseThrow(),
                    Optional.of("posted_at")), "minimum " + minimum);
        }
    }

    /**
     * Commits what Spark's OPTIMIZE commits: every data file removed, one file at the root added holding all of
     * {@code groups}' rows, with {@code stats} as its statistics.
     */
    private void compact(Path root, TableSchema schema, List<RowGroup> groups, String stats) throws IOException {
        // The compacted file's bytes: the same rows, written whole into a table of their own.
        Path scratch = dir.resolve("scratch-" + UUID.randomUUID());
        List<Object[]> rows = new ArrayList<>();
        groups.forEach(group -> group.opener().get().forEachRemaining(rows::add));
        new GoldTable(scratch.toString(), GoldTableOptions.defaults()).overwrite(schema, rows.iterator(),
                lineage("scratch", rows.size()));
        Path written;
        try (Stream<Path> files = Files.list(scratch)) {
            written = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        String name = "part-00000-" + UUID.randomUUID() + "-c000.snappy.parquet";
        Files.copy(written, root.resolve(name));

        long now = System.currentTimeMillis();
        List<String> actions = new ArrayList<>();
        ObjectNode commitInfo = JSON.createObjectNode();
        commitInfo.putObject("commitInfo").put("timestamp", now).put("inCommitTimestamp", now)
                .put("operation", "OPTIMIZE").put("engineInfo", "Apache-Spark/4.0.0 Delta-Lake/4.0.0")
                .put("isBlindAppend", false);
        actions.add(commitInfo.toString());
        for (String path : liveFiles(root)) {
            ObjectNode remove = JSON.createObjectNode();
            remove.putObject("remove").put("path", path).put("deletionTimestamp", now).put("dataChange", false);
            actions.add(remove.toString());
        }
        ObjectNode add = JSON.createObjectNode();
        ObjectNode file = add.putObject("add").put("path", name);
        file.putObject("partitionValues");
        file.put("size", Files.size(root.resolve(name))).put("modificationTime", now).put("dataChange", false)
                .put("stats", stats);
        actions.add(add.toString());
        Files.write(root.resolve("_delta_log").resolve(String.format("%020d.json", nextVersion(root))), actions);
    }

    /** The data files the log's commits add and do not remove. */
    private static Set<String> liveFiles(Path root) throws IOException {
        Set<String> live = new LinkedHashSet<>();
        for (long version = 0; version < nextVersion(root); version++) {
            for (String line : Files.readAllLines(root.resolve("_delta_log").resolve(
                    String.format("%020d.json", version)))) {
                JsonNode action = JSON.readTree(line);
                if (action.has("add")) {
                    live.add(action.get("add").get("path").asText());
                } else if (action.has("remove")) {
                    live.remove(action.get("remove").get("path").asText());
                }
            }
        }
        return live;
    }

    private static long nextVersion(Path root) throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("_delta_log"))) {
            return files.filter(f -> f.getFileName().toString().matches("\\d{20}\\.json")).count();
        }
    }
}

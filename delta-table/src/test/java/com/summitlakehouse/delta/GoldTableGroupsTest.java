package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldTableGroupsTest {

    @TempDir
    Path dir;

    GoldTable table() {
        return new GoldTable(dir.resolve("t").toString(), GoldTableOptions.defaults());
    }

    /** Group "a" holds ids 0..9, "b" 10..19, "c" 20..29. */
    static RowGroup group(String name, int from, int count) {
        return new RowGroup(name, count, () -> rows(from, count).iterator());
    }

    static GoldLayoutBuilder layout() {
        return new GoldLayoutBuilder();
    }

    static final class GoldLayoutBuilder {
        private final Map<String, String> fingerprints = new TreeMap<>();

        GoldLayoutBuilder with(String group, String fingerprint) {
            fingerprints.put(group, fingerprint);
            return this;
        }

        GroupLayout build() {
            return new GroupLayout("sig-1", fingerprints);
        }
    }

    @Test
    void aGroupedTableRecordsItsLayoutAndKeepsEachGroupInItsOwnFiles() throws IOException {
        GoldTable table = table();
        GroupLayout layout = layout().with("a", "fa").with("b", "fb").with("c", "fc").build();
        table.overwrite(SCHEMA, List.of(group("a", 0, 10), group("b", 10, 10), group("c", 20, 10)), layout,
                lineage("fp-1", 30), Optional.empty());

        TableVersion current = table.current().orElseThrow();
        assertEquals(layout, current.groups().orElseThrow());
        assertEquals(30, new GoldTableReader(table).readLatest().size());
        assertEquals(Set.of("group-a", "group-b", "group-c"), dataDirectories());
    }

    @Test
    void replacingGroupsRewritesOnlyThemAndDropsGroupsThatAreGone() throws IOException {
        GoldTable table = table();
        table.overwrite(SCHEMA, List.of(group("a", 0, 10), group("b", 10, 10), group("c", 20, 10)),
                layout().with("a", "fa").with("b", "fb").with("c", "fc").build(), lineage("fp-1", 30),
                Optional.empty());
        List<Path> filesOfA = dataFilesOf("group-a");

        // b now holds 10..14 and 100..104; c is gone; a is untouched.
        RowGroup newB = new RowGroup("b", 10, () -> Stream.concat(rows(10, 5).stream(), rows(100, 5).stream())
                .iterator());
        GroupLayout next = layout().with("a", "fa").with("b", "fb2").build();
        OverwriteResult result = table.replaceGroups(SCHEMA, List.of(newB), Set.of("c"), next, lineage("fp-2", 20),
                table.current().orElseThrow());

        assertEquals(1, result.version());
        assertEquals(10, result.rows());
        assertEquals(2, result.dataFilesRemoved());
        List<Long> expected = Stream.of(rows(0, 10), rows(10, 5), rows(100, 5)).flatMap(List::stream)
                .map(r -> (Long) r[0]).sorted().toList();
        assertEquals(expected, GoldTableTest.ids(new GoldTableReader(table).readLatest()));
        assertEquals(30, new GoldTableReader(table).readVersion(0).size(), "the previous version stays readable");
        TableVersion current = table.current().orElseThrow();
        assertEquals(next, current.groups().orElseThrow());
        assertEquals("fp-2", current.sourceFingerprint().orElseThrow());
        assertEquals("20", current.lineage("rows").orElseThrow());
        assertEquals(filesOfA, dataFilesOf("group-a"), "an unchanged group's files are not rewritten");
    }

    @Test
    void aGroupReplaceDecidedOnAnOlderVersionIsNotCommitted() {
        GoldTable table = table();
        table.overwrite(SCHEMA, List.of(group("a", 0, 10)), layout().with("a", "fa").build(), lineage("fp-1", 10),
                Optional.empty());
        TableVersion seen = table.current().orElseThrow();
        table.replaceGroups(SCHEMA, List.of(group("a", 0, 5)), Set.of(), layout().with("a", "fa2").build(),
                lineage("fp-2", 5), seen);

        assertThrows(ConcurrentCommitException.class, () -> table.replaceGroups(SCHEMA, List.of(group("a", 0, 7)),
                Set.of(), layout().with("a", "fa3").build(), lineage("fp-3", 7), seen));
        assertEquals(5, new GoldTableReader(table).readLatest().size());
        assertEquals(1, table.current().orElseThrow().version());
    }

    @Test
    void aGroupThatDoesNotHoldWhatItDeclaredCommitsNothing() {
        GoldTable table = table();
        table.overwrite(SCHEMA, List.of(group("a", 0, 10)), layout().with("a", "fa").build(), lineage("fp-1", 10),
                Optional.empty());
        RowGroup lying = new RowGroup("a", 11, () -> rows(0, 10).iterator());
        GoldTableException failure = assertThrows(GoldTableException.class, () -> table.replaceGroups(SCHEMA,
                List.of(lying), Set.of(), layout().with("a", "fa2").build(), lineage("fp-2", 11),
                table.current().orElseThrow()));
        assertTrue(failure.getMessage().contains("group a"), failure.getMessage());
        assertEquals(0, table.current().orElseThrow().version());
    }

    @Test
    void aWholeOverwriteOfAGroupedTableLeavesNoLayoutBehind() {
        GoldTable table = table();
        table.overwrite(SCHEMA, List.of(group("a", 0, 10)), layout().with("a", "fa").build(), lineage("fp-1", 10),
                Optional.empty());
        table.overwrite(SCHEMA, rows(0, 4).iterator(), lineage("fp-2", 4));
        assertTrue(table.current().orElseThrow().groups().isEmpty());
        GoldTableException failure = assertThrows(GoldTableException.class, () -> table.replaceGroups(SCHEMA,
                List.of(group("a", 0, 3)), Set.of(), layout().with("a", "fa").build(), lineage("fp-3", 3),
                table.current().orElseThrow()));
        assertTrue(failure.getMessage().contains("belongs to no group"), failure.getMessage());
    }

    private Set<String> dataDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(dir.resolve("t"))) {
            return entries.map(p -> p.getFileName().toString()).filter(name -> !name.startsWith("_"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private List<Path> dataFilesOf(String directory) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("t").resolve(directory))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }
}

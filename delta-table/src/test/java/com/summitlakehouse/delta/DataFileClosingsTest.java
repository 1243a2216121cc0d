package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableGroupsTest.group;
import static com.summitlakehouse.delta.GoldTableGroupsTest.layout;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Data files close on threads of their own while the writer goes on: a close that fails fails the write and
 * commits nothing, and no more than {@value DataFileClosings#AT_ONCE} closes are ever under way.
 */
class DataFileClosingsTest {

    @TempDir
    Path dir;

    private FaultyStorage storage;

    private GoldTable table() {
        return new GoldTable(dir.resolve("t").toString(), GoldTableOptions.defaults(), UpkeepSafetyTest.NO_S3,
                real -> storage = new FaultyStorage(real, (operation, path) -> { }));
    }

    private static List<RowGroup> groups(int count) {
        List<RowGroup> groups = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            groups.add(group("g" + (100 + g), g * 3, 3));
        }
        return groups;
    }

    private static GroupLayout layoutOf(List<RowGroup> groups, String fingerprint) {
        GoldTableGroupsTest.GoldLayoutBuilder layout = layout();
        groups.forEach(group -> layout.with(group.name(), fingerprint));
        return layout.build();
    }

    @Test
    void aDataFileThatFailsToCloseFailsTheWriteAndLeavesThePreviousVersion() {
        GoldTable table = table();
        List<RowGroup> groups = groups(40);
        table.overwrite(SCHEMA, groups, layoutOf(groups, "f1"), lineage("fp-1", 120), Optional.empty());
        storage.inject((operation, path) -> {
            if (operation == FaultyStorage.Operation.CLOSE && path.contains("group-g117/")) {
                throw new IOException("disk full");
            }
        });
        GoldTableException failure = assertThrows(GoldTableException.class, () -> table.overwrite(SCHEMA, groups,
                layoutOf(groups, "f2"), lineage("fp-2", 120), table.current()));
        assertTrue(failure.getMessage().contains("disk full"), failure.getMessage());
        assertEquals(0, table.current().orElseThrow().version(), "nothing was committed");
        storage.heal();
        assertEquals(120, new GoldTableReader(table).readLatest().size());
        assertEquals(1, table.overwrite(SCHEMA, groups, layoutOf(groups, "f2"), lineage("fp-2", 120),
                table.current()).version());
    }

    @Test
    void theWriterGoesOnWhileFilesCloseButNoMoreThanSixteenWait() {
        GoldTable table = table();
        AtomicInteger created = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        AtomicInteger mostUnclosed = new AtomicInteger();
        storage.inject((operation, path) -> {
            if (!path.endsWith(".parquet")) {
                return;
            }
            if (operation == FaultyStorage.Operation.CREATE) {
                mostUnclosed.accumulateAndGet(created.incrementAndGet() - closed.get(), Math::max);
            }
            if (operation == FaultyStorage.Operation.CLOSE) {
                try {
                    Thread.sleep(50); // a slow disk or upload
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    closed.incrementAndGet();
                }
            }
        });
        List<RowGroup> groups = groups(60);
        table.overwrite(SCHEMA, groups, layoutOf(groups, "f1"), lineage("fp-1", 180), Optional.empty());
        assertEquals(180, new GoldTableReader(table).readLatest().size());
        assertEquals(60, created.get(), "one file per group");
        assertEquals(60, closed.get(), "every file closed before the commit");
        // The one being written, and the ones waiting to close.
        assertTrue(mostUnclosed.get() > 4, "the writer went on: at most " + mostUnclosed.get() + " unclosed");
        assertTrue(mostUnclosed.get() <= DataFileClosings.AT_ONCE + 1, mostUnclosed.get() + " unclosed at once");
    }
}

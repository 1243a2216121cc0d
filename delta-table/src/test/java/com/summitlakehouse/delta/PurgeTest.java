package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableGroupsTest.layout;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Withdrawn rows leave every version of a table within the purge delay, and nothing the latest version needs goes. */
class PurgeTest {

    static final String WITHDRAWN = "AAA-OFFENSIVE doxxing 555-0100";
    /** Statistics only on columns that cannot carry moderated text. */
    static final TableSchema MODERATED = SCHEMA.withStatisticsOn(Set.of("id", "score", "flag", "day", "at"));

    @TempDir
    Path dir;

    /** Group b holds ids 10..19, one of them named with the text a moderator later withdraws. */
    static RowGroup groupB(boolean withWithdrawn) {
        return new RowGroup("b", withWithdrawn ? 10 : 9, () -> {
            List<Object[]> rows = new ArrayList<>(rows(10, 10));
            if (withWithdrawn) {
                rows.get(3)[1] = WITHDRAWN;
            } else {
                rows.remove(3);
            }
            return rows.iterator();
        });
    }

    GoldTable table(GoldTableOptions options, FaultyStorage.Fault fault) {
        return new GoldTable(dir.resolve("t").toString(), options, UpkeepSafetyTest.NO_S3,
                storage -> new FaultyStorage(storage, fault));
    }

    static void writeWithWithdrawn(GoldTable table) {
        table.overwrite(MODERATED, List.of(GoldTableGroupsTest.group("a", 0, 10), groupB(true)),
                layout().with("a", "fa").with("b", "fb").build(), lineage("fp-1", 20), Optional.empty());
    }

    static OverwriteResult withdraw(GoldTable table) {
        return table.replaceGroups(MODERATED, List.of(groupB(false)), Set.of(),
                layout().with("a", "fa").with("b", "fb2").build(), lineage("fp-2", 19), table.current().orElseThrow());
    }

    @Test
    void aWithdrawnRowIsUnreadableInEveryVersionAndEveryFileRightAfterTheRun() throws IOException {
        GoldTable table = table(GoldTableOptions.defaults().withPurgeWithin(Duration.ZERO), (operation, path) -> { });
        writeWithWithdrawn(table);
        assertEquals(List.of(), StoredText.filesHolding(dir.resolve("t/_delta_log"), WITHDRAWN, SCHEMA.toStructType()),
                "no statistic of a text column in the log");
        assertEquals(1, StoredText.filesHolding(dir.resolve("t"), WITHDRAWN, SCHEMA.toStructType()).size(),
                "the one data file of group b holds it (the search finds what is there)");

        OverwriteResult result = withdraw(table);
        assertEquals(1, result.sweep().purged(), "the old file of group b");
        assertEquals(19, new GoldTableReader(table).readLatest().size());
        assertEquals(List.of(), StoredText.filesHolding(dir.resolve("t"), WITHDRAWN, SCHEMA.toStructType()),
                "no file under the table holds the withdrawn text");
        RuntimeException timeTravel = assertThrows(RuntimeException.class,
                () -> new GoldTableReader(table).readVersion(0));
        assertTrue(String.valueOf(timeTravel.getMessage()).contains("does not exist"), timeTravel.getMessage());
    }

    @Test
    void aPurgeDelayKeepsTimeTravelUntilItPassesThenASweepPurges() throws IOException {
        GoldTableOptions options = GoldTableOptions.defaults().withPurgeWithin(Duration.ofMinutes(15));
        GoldTable table = table(options, (operation, path) -> { });
        writeWithWithdrawn(table);
        OverwriteResult result = withdraw(table);
        assertEquals(0, result.sweep().purged());
        assertTrue(result.sweep().nextPurgeDue().isPresent(), "a purge is waiting");
        assertEquals(20, new GoldTableReader(table).readVersion(0).size(), "time travel inside the delay");

        GoldTable later = table(options.withClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16))),
                (operation, path) -> { });
        Sweep sweep = later.sweep();
        assertEquals(1, sweep.purged());
        assertFalse(sweep.nextPurgeDue().isPresent());
        assertEquals(List.of(), StoredText.filesHolding(dir.resolve("t"), WITHDRAWN, SCHEMA.toStructType()));
        assertEquals(19, new GoldTableReader(later).readLatest().size());
    }

    @Test
    void aPurgeCutShortIsFinishedByTheNextSweepAndTheLatestVersionStaysWhole() throws IOException {
        FaultyStorage[] storage = new FaultyStorage[1];
        GoldTable table = new GoldTable(dir.resolve("t").toString(),
                GoldTableOptions.defaults().withPurgeWithin(Duration.ZERO), UpkeepSafetyTest.NO_S3,
                real -> storage[0] = new FaultyStorage(real, (operation, path) -> { }));
        writeWithWithdrawn(table);
        storage[0].inject((operation, path) -> {
            if (operation == FaultyStorage.Operation.DELETE) {
                throw new IOException("injected: the store is down");
            }
        });
        OverwriteResult cut = withdraw(table);
        assertEquals(0, cut.sweep().purged());
        assertEquals(1, cut.upkeepFailures().size(), cut.upkeepFailures().toString());
        assertEquals(19, new GoldTableReader(table).readLatest().size(), "the latest version reads throughout");

        storage[0].heal();
        assertEquals(1, table.sweep().purged(), "the next sweep finishes what was due");
        assertEquals(List.of(), StoredText.filesHolding(dir.resolve("t"), WITHDRAWN, SCHEMA.toStructType()));
        assertEquals(19, new GoldTableReader(table).readLatest().size());
        assertEquals(0, table.sweep().purged(), "nothing more is due, nothing the table needs goes");
        assertEquals(19, new GoldTableReader(table).readLatest().size());
    }
}

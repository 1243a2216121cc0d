package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableGroupsTest.group;
import static com.summitlakehouse.delta.GoldTableGroupsTest.layout;
import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole rewrite whose source fails part-way (read ahead on another thread) commits nothing. */
class GroupedRewriteFailureTest {

    @TempDir
    Path dir;

    @Test
    void aSourceFailureInALaterGroupLeavesThePreviousVersionAsItWas() {
        GoldTable table = new GoldTable(dir.resolve("t").toString(), GoldTableOptions.defaults());
        table.overwrite(SCHEMA, List.of(group("a", 0, 10), group("b", 10, 10)),
                layout().with("a", "fa").with("b", "fb").build(), lineage("fp-1", 20), Optional.empty());
        TableVersion before = table.current().orElseThrow();

        IllegalStateException gone = new IllegalStateException("terminating connection due to administrator command");
        Iterator<Object[]> good = rows(10, 5).iterator();
        RowGroup failing = new RowGroup("b", 10, () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (!good.hasNext()) {
                    throw gone;
                }
                return true;
            }

            @Override
            public Object[] next() {
                return good.next();
            }
        });
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> table.overwrite(SCHEMA,
                List.of(group("a", 0, 10), failing, group("c", 20, 10)),
                layout().with("a", "fa2").with("b", "fb2").with("c", "fc").build(), lineage("fp-2", 30),
                Optional.of(before)));
        assertSame(gone, thrown);

        GoldTable reopened = new GoldTable(dir.resolve("t").toString(), GoldTableOptions.defaults());
        assertEquals(before.version(), reopened.current().orElseThrow().version());
        assertEquals(rows(0, 20).stream().map(r -> (Long) r[0]).toList(),
                GoldTableTest.ids(new GoldTableReader(reopened).readLatest()));
    }
}

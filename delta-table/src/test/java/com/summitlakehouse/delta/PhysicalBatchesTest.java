package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.utils.CloseableIterator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PhysicalBatchesTest {

    private static List<Supplier<Iterator<Object[]>>> groups(int... sizes) {
        int[] from = {0};
        return Arrays.stream(sizes).<Supplier<Iterator<Object[]>>>mapToObj(size -> {
            List<Object[]> rows = rows(from[0], size);
            from[0] += size;
            return rows::iterator;
        }).toList();
    }

    private static long rowsOf(CloseableIterator<FilteredColumnarBatch> batches) {
        long rows = 0;
        while (batches.hasNext()) {
            rows += batches.next().getData().getSize();
        }
        return rows;
    }

    @Test
    void everyGroupComesThroughOneTransformationWithItsOwnRows() throws Exception {
        AtomicInteger transformations = new AtomicInteger();
        AtomicInteger mapped = new AtomicInteger();
        try (RowBatches batches = new RowBatches(SCHEMA, groups(250, 0, 120, 1), 100);
                PhysicalBatches physical = new PhysicalBatches(feed -> {
                    transformations.incrementAndGet();
                    // The shape of Kernel's transformLogicalData: its source mapped batch by batch.
                    return feed.map(batch -> {
                        mapped.incrementAndGet();
                        return batch;
                    });
                })) {
            List<Long> counts = new ArrayList<>();
            for (int group = 0; group < 4; group++) {
                RowBatches.Group logical = batches.nextGroup();
                CloseableIterator<FilteredColumnarBatch> ofGroup = physical.of(logical);
                counts.add(rowsOf(ofGroup));
                assertEquals(logical.rowCount(), counts.get(group));
                ofGroup.close();
            }
            assertEquals(List.of(250L, 0L, 120L, 1L), counts);
            assertEquals(1, transformations.get());
            assertEquals(3 + 2 + 1, mapped.get());
        }
    }

    @Test
    void aGroupIsRefusedUntilThePreviousEndedAndAnEndedGroupDoesNotReadOnIntoTheNext() throws Exception {
        try (RowBatches batches = new RowBatches(SCHEMA, groups(250, 10), 100);
                PhysicalBatches physical = new PhysicalBatches(feed -> feed.map(batch -> batch))) {
            CloseableIterator<FilteredColumnarBatch> first = physical.of(batches.nextGroup());
            assertEquals(100, first.next().getData().getSize());
            RowBatches.Group second = batches.nextGroup();
            assertThrows(IllegalStateException.class, () -> physical.of(second));
            assertEquals(150, rowsOf(first));
            CloseableIterator<FilteredColumnarBatch> ofSecond = physical.of(second);
            assertFalse(first.hasNext());
            assertEquals(10, rowsOf(ofSecond));
        }
    }
}

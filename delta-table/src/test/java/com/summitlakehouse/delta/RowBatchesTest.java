package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RowBatchesTest {

    /** Endless rows, counting how many were taken, closed like a database cursor. */
    static final class CountedRows implements Iterator<Object[]>, AutoCloseable {
        final AtomicLong taken = new AtomicLong();
        final AtomicBoolean closed = new AtomicBoolean();
        private final long limit;
        private final RuntimeException failure;

        CountedRows(long limit, RuntimeException failure) {
            this.limit = limit;
            this.failure = failure;
        }

        @Override
        public boolean hasNext() {
            if (taken.get() == limit && failure != null) {
                throw failure;
            }
            return taken.get() < limit;
        }

        @Override
        public Object[] next() {
            return rows((int) taken.getAndIncrement() % 1000, 1).get(0);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** How many rows the reader has taken once it has stopped taking more. */
    private static long settled(AtomicLong taken) throws InterruptedException {
        long before;
        do {
            before = taken.get();
            Thread.sleep(200);
        } while (taken.get() != before);
        return before;
    }

    @Test
    void theReaderStaysABoundedNumberOfBatchesAheadOfTheWriter() throws InterruptedException {
        CountedRows source = new CountedRows(Long.MAX_VALUE, null);
        int batch = 100;
        RowBatches batches = new RowBatches(SCHEMA, source, batch);
        try {
            // Nothing is written: the reader fills the queue, builds one more batch, and waits.
            assertEquals((RowBatches.AHEAD + 1) * batch, settled(source.taken));
            RowBatches.Group group = batches.nextGroup();
            group.next();
            group.next();
            // Two batches taken by the writer: the reader moves on by exactly two.
            assertEquals((RowBatches.AHEAD + 3) * batch, settled(source.taken));
        } finally {
            batches.close();
        }
        assertTrue(source.closed.get(), "closing the batches closes the source before it returns");
    }

    @Test
    void groupsArriveInOrderEachEndingAtItsOwnLastRow() {
        List<Supplier<Iterator<Object[]>>> groups = List.of(() -> rows(0, 250).iterator(),
                () -> rows(250, 1).iterator(), () -> rows(251, 130).iterator());
        try (RowBatches batches = new RowBatches(SCHEMA, groups, 100)) {
            long[] expected = {250, 1, 130};
            long firstId = 0;
            for (long count : expected) {
                RowBatches.Group group = batches.nextGroup();
                long first = -1;
                while (group.hasNext()) {
                    var data = group.next().getData();
                    if (first < 0) {
                        first = data.getColumnVector(0).getLong(0);
                    }
                }
                assertEquals(count, group.rowCount());
                assertEquals(firstId, first);
                assertFalse(group.hasNext());
                firstId += count;
            }
            assertThrows(IllegalStateException.class, batches::nextGroup);
        }
    }

    @Test
    void aSourceThatFailsMidwayEndsTheWritersIterationWithItsFailure() {
        IllegalStateException gone = new IllegalStateException("the source connection was terminated");
        CountedRows failing = new CountedRows(150, gone);
        CountedRows never = new CountedRows(10, null);
        List<Supplier<Iterator<Object[]>>> groups = List.of(() -> rows(0, 20).iterator(), () -> failing,
                () -> never);
        try (RowBatches batches = new RowBatches(SCHEMA, groups, 100)) {
            RowBatches.Group first = batches.nextGroup();
            first.forEachRemaining(batch -> { });
            assertEquals(20, first.rowCount());
            RowBatches.Group second = batches.nextGroup();
            RuntimeException thrown = assertThrows(RuntimeException.class,
                    () -> second.forEachRemaining(batch -> { }));
            assertSame(gone, thrown);
        }
        assertTrue(failing.closed.get(), "the failed group's cursor is closed");
        assertEquals(0, never.taken.get(), "no group after the failure is opened");
    }
}

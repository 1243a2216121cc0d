package com.summitlakehouse.delta;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Turns the source's rows, group after group, into column batches on a thread of its own, at most {@value #AHEAD}
 * batches ahead of the Parquet writer: reading and converting rows (for a database source, its queries, decoding
 * rows, and turning values into Delta's physical form) overlaps with encoding Parquet, also across groups (the next
 * group's query runs while the previous group's file is finished), and memory holds a few batches whatever the
 * table size. Batches are columns of Parquet's own values ({@link ColumnBatchBuilder}), filled by the source itself
 * when its rows are {@link ColumnarRows}. Each value is checked against its column. A failure of the source, or of a
 * value, ends the writer's iteration with that failure.
 */
final class RowBatches implements AutoCloseable {

    /** Batches converted ahead of the writer; with the one being built, the most rows held at once. */
    static final int AHEAD = 2;
    private static final Object GROUP_END = new Object();

    private final TableSchema schema;
    private final StructType structType;
    private final List<Supplier<Iterator<Object[]>>> groups;
    private final int batchSize;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final Thread producer;
    private volatile boolean closed;
    private int taken;

    /** {@code groups}: each group's rows, opened on the reading thread in this order. */
    RowBatches(TableSchema schema, List<Supplier<Iterator<Object[]>>> groups, int batchSize) {
        this.schema = schema;
        this.structType = schema.toStructType();
        this.groups = List.copyOf(groups);
        this.batchSize = batchSize;
        this.producer = new Thread(this::produce, "gold-table-rows");
        producer.setDaemon(true);
        producer.start();
    }

    /** One group of rows. */
    RowBatches(TableSchema schema, Iterator<Object[]> rows, int batchSize) {
        this(schema, List.of(() -> rows), batchSize);
    }

    /**
     * The batches of the next group, in the order the groups were given; the previous group's must have been read
     * to their end. Closing the answer does not stop the reading: {@link #close()} does.
     */
    Group nextGroup() {
        if (taken == groups.size()) {
            throw new IllegalStateException("All " + taken + " groups were taken");
        }
        taken++;
        return new Group();
    }

    /** The batches of one group; {@link #rowCount()} is final once the iteration has ended. */
    final class Group implements CloseableIterator<FilteredColumnarBatch> {
        private Object head;
        private boolean ended;
        private long rowCount;

        long rowCount() {
            return rowCount;
        }

        @Override
        public boolean hasNext() {
            if (ended) {
                return false;
            }
            if (head == null) {
                try {
                    head = ready.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GoldTableException("Interrupted while waiting for rows");
                }
            }
            if (head instanceof RuntimeException failure) {
                throw failure;
            }
            if (head instanceof Error failure) {
                throw failure;
            }
            if (head == GROUP_END) {
                ended = true;
                head = null;
                return false;
            }
            return true;
        }

        @Override
        public FilteredColumnarBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            FilteredColumnarBatch batch = (FilteredColumnarBatch) head;
            head = null;
            rowCount += batch.getData().getSize();
            return batch;
        }

        @Override
        public void close() {
        }
    }

    private void produce() {
        try {
            for (Supplier<Iterator<Object[]>> group : groups) {
                if (closed) {
                    return;
                }
                Iterator<Object[]> rows = group.get();
                try {
                    long produced = 0;
                    while (!closed) {
                        FilteredColumnarBatch batch = nextBatch(rows, produced);
                        if (batch == null) {
                            break;
                        }
                        produced += batch.getData().getSize();
                        ready.put(batch);
                    }
                } finally {
                    closeRows(rows);
                }
                ready.put(GROUP_END);
            }
        } catch (InterruptedException e) {
            // closed by the consumer
        } catch (RuntimeException | Error e) {
            try {
                ready.put(e);
            } catch (InterruptedException ignored) {
                // closed by the consumer
            }
        }
    }

    /** The next batch of {@code rows}; null at their end (no columns are allocated for nothing). */
    private FilteredColumnarBatch nextBatch(Iterator<Object[]> rows, long produced) {
        if (!rows.hasNext()) {
            return null;
        }
        ColumnBatchBuilder batch = new ColumnBatchBuilder(schema, structType, batchSize, produced + 1);
        if (rows instanceof ColumnarRows columnar) {
            columnar.appendTo(batch);
        } else {
            while (!batch.full() && rows.hasNext()) {
                batch.appendRow(rows.next());
            }
        }
        return batch.build();
    }

    private static void closeRows(Iterator<Object[]> rows) {
        if (rows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new GoldTableException("Closing the row source failed: " + e.getMessage(), e);
            }
        }
    }

    /** Stops the reading thread and waits for it, so that the source is closed when this returns. */
    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

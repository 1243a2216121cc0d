package com.summitlakehouse.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Turns the source's rows into column batches on a thread of its own, at most {@value #AHEAD} batches ahead of the
 * Parquet writer: reading and converting rows (for a database source, decoding them, and turning values into
 * Delta's physical form) overlaps with encoding Parquet, and memory holds a few batches whatever the table size.
 * Each value is checked against its column.
 */
final class RowBatches implements CloseableIterator<FilteredColumnarBatch> {

    private static final int AHEAD = 2;
    private static final Object END = new Object();

    private final TableSchema schema;
    private final StructType structType;
    private final Iterator<Object[]> rows;
    private final int batchSize;
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(AHEAD);
    private final Thread producer;
    private volatile boolean closed;
    private long rowCount;
    private Object head;

    RowBatches(TableSchema schema, Iterator<Object[]> rows, int batchSize) {
        this.schema = schema;
        this.structType = schema.toStructType();
        this.rows = rows;
        this.batchSize = batchSize;
        this.producer = new Thread(this::produce, "gold-table-rows");
        producer.setDaemon(true);
        producer.start();
    }

    /** Rows handed to the writer; final once the iteration has ended. */
    long rowCount() {
        return rowCount;
    }

    @Override
    public boolean hasNext() {
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
        return head != END;
    }

    @Override
    public FilteredColumnarBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batch batch = (Batch) head;
        head = null;
        rowCount += batch.data().getData().getSize();
        return batch.data();
    }

    private record Batch(FilteredColumnarBatch data) {
    }

    private void produce() {
        try {
            long produced = 0;
            while (!closed && rows.hasNext()) {
                Batch batch = new Batch(nextBatch(produced));
                produced += batch.data().getData().getSize();
                ready.put(batch);
            }
            ready.put(END);
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

    private FilteredColumnarBatch nextBatch(long produced) {
        int width = schema.size();
        Object[][] columns = new Object[width][batchSize];
        int size = 0;
        while (size < batchSize && rows.hasNext()) {
            long rowNumber = produced + size + 1;
            Object[] row = rows.next();
            if (row.length != width) {
                throw new GoldTableException("Row " + rowNumber + " has " + row.length + " values for "
                        + width + " columns");
            }
            for (int c = 0; c < width; c++) {
                columns[c][size] = ValueVector.physical(check(schema.columns().get(c), row[c], rowNumber));
            }
            size++;
        }
        ColumnVector[] vectors = new ColumnVector[width];
        for (int c = 0; c < width; c++) {
            vectors[c] = new ValueVector(structType.at(c).getDataType(), columns[c], size);
        }
        return new FilteredColumnarBatch(KernelInternals.columnarBatch(size, structType, vectors), Optional.empty());
    }

    private static Object check(Column column, Object value, long row) {
        if (value == null) {
            if (!column.nullable()) {
                throw new GoldTableException("Row " + row + ": column " + column.name() + " must not be null");
            }
            return null;
        }
        boolean fits = switch (column.type()) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Integer;
            case LONG -> value instanceof Long;
            case BOOLEAN -> value instanceof Boolean;
            case DATE -> value instanceof LocalDate;
            case TIMESTAMP -> value instanceof Instant;
            case STRING_ARRAY -> value instanceof List<?> list && list.stream().allMatch(e -> e == null
                    || e instanceof String);
        };
        if (!fits) {
            throw new GoldTableException("Row " + row + ": column " + column.name() + " expects " + column.type()
                    + " but got " + value.getClass().getSimpleName());
        }
        return value;
    }

    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        try {
            producer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (rows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new GoldTableException("Closing the row source failed: " + e.getMessage(), e);
            }
        }
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Pulls rows from the source only as the Parquet writer asks for the next batch, so at most one batch of rows is
 * ever held here whatever the table size. Checks each value against its column as it goes.
 */
final class RowBatches implements CloseableIterator<FilteredColumnarBatch> {

    private final TableSchema schema;
    private final StructType structType;
    private final Iterator<Object[]> rows;
    private final int batchSize;
    private long rowCount;

    RowBatches(TableSchema schema, Iterator<Object[]> rows, int batchSize) {
        this.schema = schema;
        this.structType = schema.toStructType();
        this.rows = rows;
        this.batchSize = batchSize;
    }

    long rowCount() {
        return rowCount;
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public FilteredColumnarBatch next() {
        if (!rows.hasNext()) {
            throw new NoSuchElementException();
        }
        int width = schema.size();
        Object[][] columns = new Object[width][batchSize];
        int size = 0;
        while (size < batchSize && rows.hasNext()) {
            Object[] row = rows.next();
            if (row.length != width) {
                throw new GoldTableException("Row " + (rowCount + 1) + " has " + row.length + " values for "
                        + width + " columns");
            }
            for (int c = 0; c < width; c++) {
                columns[c][size] = check(schema.columns().get(c), row[c], rowCount + 1);
            }
            size++;
            rowCount++;
        }
        ColumnVector[] vectors = new ColumnVector[width];
        for (int c = 0; c < width; c++) {
            vectors[c] = new ValueVector(structType.at(c).getDataType(), columns[c], size);
        }
        return new FilteredColumnarBatch(new DefaultColumnarBatch(size, structType, vectors), Optional.empty());
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
        if (rows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new GoldTableException("Closing the row source failed: " + e.getMessage(), e);
            }
        }
    }
}

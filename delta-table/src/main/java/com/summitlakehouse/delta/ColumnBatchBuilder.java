package com.summitlakehouse.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.types.StructType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Fills one batch of rows, column by column, in the form Parquet stores (see {@link BatchColumn}): a source appends
 * each value of a row in column order, then ends the row. Every value is checked against its column (type and
 * nullability), and a failure names the row, counted from the start of the group, and the column.
 */
public final class ColumnBatchBuilder {

    private final List<Column> columns;
    private final StructType structType;
    private final BatchColumn[] vectors;
    private final int capacity;
    private final long firstRow;
    private int rows;

    ColumnBatchBuilder(TableSchema schema, StructType structType, int capacity, long firstRow) {
        this.columns = schema.columns();
        this.structType = structType;
        this.capacity = capacity;
        this.firstRow = firstRow;
        this.vectors = new BatchColumn[columns.size()];
        for (int c = 0; c < vectors.length; c++) {
            vectors[c] = new BatchColumn(columns.get(c).type(), capacity);
        }
    }

    /** Whether the batch holds as many rows as it should; a source stops appending then. */
    public boolean full() {
        return rows >= capacity;
    }

    /** Rows ended so far. */
    public int rows() {
        return rows;
    }

    public void appendNull(int column) {
        if (!columns.get(column).nullable()) {
            throw failure(column, "must not be null");
        }
        vectors[column].appendNull();
    }

    public void appendText(int column, byte[] utf8, int offset, int length) {
        of(column, ColumnType.STRING).appendText(utf8, offset, length);
    }

    public void appendInt(int column, int value) {
        of(column, ColumnType.INTEGER).appendInt(value);
    }

    public void appendLong(int column, long value) {
        of(column, ColumnType.LONG).appendLong(value);
    }

    public void appendBoolean(int column, boolean value) {
        of(column, ColumnType.BOOLEAN).appendBoolean(value);
    }

    public void appendDate(int column, int epochDay) {
        of(column, ColumnType.DATE).appendInt(epochDay);
    }

    public void appendTimestamp(int column, long epochMicros) {
        of(column, ColumnType.TIMESTAMP).appendLong(epochMicros);
    }

    /** One element of the STRING_ARRAY value being built in {@code column}; {@link #endArray} ends the value. */
    public void appendElement(int column, byte[] utf8, int offset, int length) {
        of(column, ColumnType.STRING_ARRAY).elements().appendText(utf8, offset, length);
    }

    public void appendNullElement(int column) {
        of(column, ColumnType.STRING_ARRAY).elements().appendNull();
    }

    /** Ends the STRING_ARRAY value of {@code column} with the elements appended since its previous value. */
    public void endArray(int column) {
        of(column, ColumnType.STRING_ARRAY).appendArrayOfElementsSoFar();
    }

    /** Ends the row; every column must have had exactly one value. */
    public void endRow() {
        for (int c = 0; c < vectors.length; c++) {
            if (vectors[c].getSize() != rows + 1) {
                throw failure(c, vectors[c].getSize() <= rows ? "has no value" : "has more than one value");
            }
        }
        rows++;
    }

    /**
     * Appends a row of Java values (String, Integer, Long, Boolean, LocalDate, Instant, List of String), checked
     * against the columns, and ends it.
     */
    public void appendRow(Object[] row) {
        if (row.length != vectors.length) {
            throw new GoldTableException("Row " + (firstRow + rows) + " has " + row.length + " values for "
                    + vectors.length + " columns");
        }
        for (int c = 0; c < row.length; c++) {
            appendValue(c, row[c]);
        }
        endRow();
    }

    private void appendValue(int c, Object value) {
        if (value == null) {
            appendNull(c);
            return;
        }
        ColumnType type = columns.get(c).type();
        switch (type) {
            case STRING -> {
                if (value instanceof String text) {
                    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                    appendText(c, utf8, 0, utf8.length);
                    return;
                }
            }
            case INTEGER -> {
                if (value instanceof Integer number) {
                    appendInt(c, number);
                    return;
                }
            }
            case LONG -> {
                if (value instanceof Long number) {
                    appendLong(c, number);
                    return;
                }
            }
            case BOOLEAN -> {
                if (value instanceof Boolean flag) {
                    appendBoolean(c, flag);
                    return;
                }
            }
            case DATE -> {
                if (value instanceof LocalDate date) {
                    appendDate(c, Math.toIntExact(date.toEpochDay()));
                    return;
                }
            }
            case TIMESTAMP -> {
                if (value instanceof Instant instant) {
                    appendTimestamp(c, Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L),
                            instant.getNano() / 1000));
                    return;
                }
            }
            case STRING_ARRAY -> {
                if (value instanceof List<?> list && appendElements(c, list)) {
                    return;
                }
            }
        }
        throw failure(c, "expects " + type + " but got " + value.getClass().getSimpleName());
    }

    /** False, appending nothing, when an element is not text. */
    private boolean appendElements(int c, List<?> list) {
        for (Object element : list) {
            if (element != null && !(element instanceof String)) {
                return false;
            }
        }
        for (Object element : list) {
            if (element == null) {
                appendNullElement(c);
            } else {
                byte[] utf8 = ((String) element).getBytes(StandardCharsets.UTF_8);
                appendElement(c, utf8, 0, utf8.length);
            }
        }
        endArray(c);
        return true;
    }

    private BatchColumn of(int column, ColumnType type) {
        BatchColumn vector = vectors[column];
        if (vector.type() != type) {
            throw failure(column, "expects " + vector.type() + " but got " + type);
        }
        return vector;
    }

    private GoldTableException failure(int column, String what) {
        return new GoldTableException("Row " + (firstRow + rows) + ": column " + columns.get(column).name() + " "
                + what);
    }

    /** The batch as Kernel takes it; its vectors are {@link BatchColumn}s. */
    FilteredColumnarBatch build() {
        ColumnVector[] kernelVectors = vectors.clone();
        return new FilteredColumnarBatch(KernelInternals.columnarBatch(rows, structType, kernelVectors),
                Optional.empty());
    }
}

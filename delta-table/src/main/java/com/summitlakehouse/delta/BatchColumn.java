package com.summitlakehouse.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One column of a batch, held as Parquet stores it: longs (LONG, TIMESTAMP as microseconds since the epoch), ints
 * (INTEGER, DATE as days since the epoch), booleans, or UTF-8 bytes end to end (STRING; a STRING_ARRAY is a count of
 * elements per row over a text column of elements). No object per value: a batch of 4,096 rows is a few arrays, and
 * the Parquet writer reads them as they are. Appends grow the arrays; {@link ColumnBatchBuilder} checks types.
 */
final class BatchColumn implements ColumnVector {

    private final ColumnType type;
    private boolean[] nulls;
    private long[] longs;
    private int[] ints;
    private boolean[] booleans;
    /** STRING: the bytes of every value, back to back; ends[row] is where the row's value ends. */
    private byte[] bytes;
    /** STRING: the end of each row's bytes; STRING_ARRAY: the end of each row's elements in {@link #elements}. */
    private int[] ends;
    private final BatchColumn elements;
    private int size;
    private int nullCount;

    BatchColumn(ColumnType type, int capacity) {
        this.type = type;
        this.nulls = new boolean[capacity];
        switch (type) {
            case LONG, TIMESTAMP -> longs = new long[capacity];
            case INTEGER, DATE -> ints = new int[capacity];
            case BOOLEAN -> booleans = new boolean[capacity];
            case STRING -> {
                bytes = new byte[capacity * 32];
                ends = new int[capacity];
            }
            case STRING_ARRAY -> ends = new int[capacity];
        }
        this.elements = type == ColumnType.STRING_ARRAY ? new BatchColumn(ColumnType.STRING, capacity * 2) : null;
    }

    ColumnType type() {
        return type;
    }

    int nullCount() {
        return nullCount;
    }

    /** The text elements of every row of a STRING_ARRAY column, back to back. */
    BatchColumn elements() {
        return elements;
    }

    void appendNull() {
        grow();
        nulls[size] = true;
        nullCount++;
        if (ends != null) {
            ends[size] = size == 0 ? 0 : ends[size - 1];
        }
        size++;
    }

    void appendLong(long value) {
        grow();
        longs[size++] = value;
    }

    void appendInt(int value) {
        grow();
        ints[size++] = value;
    }

    void appendBoolean(boolean value) {
        grow();
        booleans[size++] = value;
    }

    void appendText(byte[] utf8, int offset, int length) {
        grow();
        int start = size == 0 ? 0 : ends[size - 1];
        if (start + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + length));
        }
        System.arraycopy(utf8, offset, bytes, start, length);
        ends[size++] = start + length;
    }

    /** Ends a STRING_ARRAY row whose elements were appended to {@link #elements()} since the previous row. */
    void appendArrayOfElementsSoFar() {
        grow();
        ends[size++] = elements.size;
    }

    private void grow() {
        if (size < nulls.length) {
            return;
        }
        int capacity = nulls.length * 2;
        nulls = Arrays.copyOf(nulls, capacity);
        if (longs != null) {
            longs = Arrays.copyOf(longs, capacity);
        }
        if (ints != null) {
            ints = Arrays.copyOf(ints, capacity);
        }
        if (booleans != null) {
            booleans = Arrays.copyOf(booleans, capacity);
        }
        if (ends != null) {
            ends = Arrays.copyOf(ends, capacity);
        }
    }

    /** Where the row's bytes (STRING) or elements (STRING_ARRAY) start. */
    int start(int row) {
        return row == 0 ? 0 : ends[row - 1];
    }

    /** Where the row's bytes (STRING) or elements (STRING_ARRAY) end. */
    int end(int row) {
        return ends[row];
    }

    /** The bytes of every STRING value, back to back. */
    byte[] bytes() {
        return bytes;
    }

    @Override
    public DataType getDataType() {
        return type.deltaType();
    }

    @Override
    public int getSize() {
        return size;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isNullAt(int row) {
        return nulls[row];
    }

    @Override
    public boolean getBoolean(int row) {
        return booleans[row];
    }

    @Override
    public int getInt(int row) {
        return ints[row];
    }

    @Override
    public long getLong(int row) {
        return longs[row];
    }

    @Override
    public String getString(int row) {
        return new String(bytes, start(row), end(row) - start(row), StandardCharsets.UTF_8);
    }

    @Override
    public byte[] getBinary(int row) {
        return Arrays.copyOfRange(bytes, start(row), end(row));
    }

    @Override
    public ArrayValue getArray(int row) {
        int from = start(row);
        int count = end(row) - from;
        return new ArrayValue() {
            @Override
            public int getSize() {
                return count;
            }

            @Override
            public ColumnVector getElements() {
                return new ElementSlice(elements, from, count);
            }
        };
    }

    /** The elements of one array value, as Kernel reads them. */
    private record ElementSlice(BatchColumn elements, int from, int count) implements ColumnVector {
        @Override
        public DataType getDataType() {
            return StringType.STRING;
        }

        @Override
        public int getSize() {
            return count;
        }

        @Override
        public void close() {
        }

        @Override
        public boolean isNullAt(int row) {
            return elements.isNullAt(from + row);
        }

        @Override
        public String getString(int row) {
            return elements.getString(from + row);
        }
    }
}

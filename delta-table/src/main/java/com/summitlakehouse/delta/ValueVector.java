package com.summitlakehouse.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A column of one batch over values already in the physical form Delta stores ({@link #physical}): the Parquet
 * writer, the slowest step of an overwrite, only reads them.
 */
final class ValueVector implements ColumnVector {

    private final DataType type;
    private final Object[] values;
    private final int size;

    ValueVector(DataType type, Object[] values, int size) {
        this.type = type;
        this.values = values;
        this.size = size;
    }

    @Override
    public DataType getDataType() {
        return type;
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
        return values[row] == null;
    }

    @Override
    public boolean getBoolean(int row) {
        return (Boolean) values[row];
    }

    @Override
    public int getInt(int row) {
        return (Integer) values[row];
    }

    @Override
    public long getLong(int row) {
        return (Long) values[row];
    }

    @Override
    public String getString(int row) {
        return (String) values[row];
    }

    @Override
    public byte[] getBinary(int row) {
        return ((String) values[row]).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public ArrayValue getArray(int row) {
        return (ArrayValue) values[row];
    }

    /** DATE as days since the epoch, TIMESTAMP as microseconds since the epoch (UTC), arrays as Kernel arrays. */
    static Object physical(Object value) {
        if (value instanceof Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
        }
        if (value instanceof LocalDate date) {
            return (int) date.toEpochDay();
        }
        if (value instanceof List<?> list) {
            Object[] elements = list.toArray();
            ValueVector vector = new ValueVector(StringType.STRING, elements, elements.length);
            return new ArrayValue() {
                @Override
                public int getSize() {
                    return elements.length;
                }

                @Override
                public ColumnVector getElements() {
                    return vector;
                }
            };
        }
        return value;
    }
}

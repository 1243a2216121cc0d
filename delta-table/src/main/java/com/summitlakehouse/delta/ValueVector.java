package com.summitlakehouse.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A column of one batch over plain Java values, in the physical form Delta stores (days, microseconds). */
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
        Object value = values[row];
        // DATE is stored as days since the epoch.
        return value instanceof LocalDate date ? (int) date.toEpochDay() : (Integer) value;
    }

    @Override
    public long getLong(int row) {
        Object value = values[row];
        // TIMESTAMP is stored as microseconds since the epoch, UTC.
        return value instanceof Instant instant ? ChronoUnit.MICROS.between(Instant.EPOCH, instant) : (Long) value;
    }

    @Override
    public String getString(int row) {
        return (String) values[row];
    }

    @Override
    public byte[] getBinary(int row) {
        return ((String) values[row]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public ArrayValue getArray(int row) {
        List<?> list = (List<?>) values[row];
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
}

package com.summitlakehouse.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.TimestampType;

/**
 * The column types gold tables use, with the Java value each row carries for them: String, Integer, Long, Boolean,
 * {@link java.time.LocalDate}, {@link java.time.Instant} (stored as a UTC timestamp), and {@code List<String>}.
 */
public enum ColumnType {
    STRING(StringType.STRING),
    INTEGER(IntegerType.INTEGER),
    LONG(LongType.LONG),
    BOOLEAN(BooleanType.BOOLEAN),
    DATE(DateType.DATE),
    TIMESTAMP(TimestampType.TIMESTAMP),
    STRING_ARRAY(new ArrayType(StringType.STRING, true));

    private final DataType deltaType;

    ColumnType(DataType deltaType) {
        this.deltaType = deltaType;
    }

    DataType deltaType() {
        return deltaType;
    }
}

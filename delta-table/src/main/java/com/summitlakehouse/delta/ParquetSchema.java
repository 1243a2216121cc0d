package com.summitlakehouse.delta;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The Parquet schema of a table's data files, in the layout Delta Kernel's own writer gives the gold column types (so
 * that every reader of the table sees the same files): text as UTF-8 binary, dates as INT32 days, timestamps as INT64
 * microseconds adjusted to UTC, text arrays as three-level lists; nullable columns optional.
 */
final class ParquetSchema {

    private ParquetSchema() {
    }

    static MessageType of(StructType schema) {
        List<Type> fields = new ArrayList<>();
        for (int c = 0; c < schema.length(); c++) {
            fields.add(field(schema.at(c)));
        }
        return new MessageType("DefaultKernelSchema", fields);
    }

    private static Type field(StructField field) {
        Type.Repetition repetition = field.isNullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
        DataType type = field.getDataType();
        if (type instanceof ArrayType) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .repeatedGroup().optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType())
                    .named("element").named("list").named(field.getName());
        }
        if (type instanceof StringType) {
            return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType())
                    .named(field.getName());
        }
        if (type instanceof IntegerType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).named(field.getName());
        }
        if (type instanceof LongType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition).named(field.getName());
        }
        if (type instanceof BooleanType) {
            return Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(field.getName());
        }
        if (type instanceof DateType) {
            return Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType())
                    .named(field.getName());
        }
        if (type instanceof TimestampType) {
            return Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS))
                    .named(field.getName());
        }
        throw new GoldTableException("Column " + field.getName() + " has type " + type
                + ", which gold tables do not use");
    }
}

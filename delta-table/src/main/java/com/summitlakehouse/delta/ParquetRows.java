package com.summitlakehouse.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
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
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Rows of the current column batch as Parquet records, in the layout Delta Kernel's own writer gives the gold column
 * types (so that every reader of the table sees the same files): text as UTF-8 binary, dates as INT32 days,
 * timestamps as INT64 microseconds adjusted to UTC, text arrays as three-level lists; nullable columns optional.
 * Writes the row whose index {@link #write} is given.
 */
final class ParquetRows extends WriteSupport<Integer> {

    private final MessageType parquetSchema;
    private final DataType[] types;
    private final String[] names;
    private RecordConsumer consumer;
    private ColumnVector[] vectors;

    ParquetRows(StructType schema) {
        List<Type> fields = new ArrayList<>();
        types = new DataType[schema.length()];
        names = new String[schema.length()];
        for (int c = 0; c < schema.length(); c++) {
            StructField field = schema.at(c);
            types[c] = field.getDataType();
            names[c] = field.getName();
            fields.add(parquetType(field));
        }
        parquetSchema = new MessageType("DefaultKernelSchema", fields);
    }

    private static Type parquetType(StructField field) {
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

    MessageType parquetSchema() {
        return parquetSchema;
    }

    /** The batch whose rows {@link #write} writes next. */
    void use(ColumnarBatch batch) {
        vectors = new ColumnVector[types.length];
        for (int c = 0; c < types.length; c++) {
            vectors[c] = batch.getColumnVector(c);
        }
    }

    @Override
    public String getName() {
        return "summit-gold-table";
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return new WriteContext(parquetSchema, Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.consumer = recordConsumer;
    }

    @Override
    public void write(Integer row) {
        consumer.startMessage();
        for (int c = 0; c < types.length; c++) {
            ColumnVector vector = vectors[c];
            if (vector.isNullAt(row)) {
                continue;
            }
            consumer.startField(names[c], c);
            DataType type = types[c];
            if (type instanceof StringType) {
                consumer.addBinary(Binary.fromString(vector.getString(row)));
            } else if (type instanceof IntegerType || type instanceof DateType) {
                consumer.addInteger(vector.getInt(row));
            } else if (type instanceof LongType || type instanceof TimestampType) {
                consumer.addLong(vector.getLong(row));
            } else if (type instanceof BooleanType) {
                consumer.addBoolean(vector.getBoolean(row));
            } else {
                writeList(vector.getArray(row));
            }
            consumer.endField(names[c], c);
        }
        consumer.endMessage();
    }

    /** A three-level list: an empty list has no "list" field, a null element an empty "list" group. */
    private void writeList(ArrayValue array) {
        consumer.startGroup();
        int size = array.getSize();
        if (size > 0) {
            consumer.startField("list", 0);
            ColumnVector elements = array.getElements();
            for (int e = 0; e < size; e++) {
                consumer.startGroup();
                if (!elements.isNullAt(e)) {
                    consumer.startField("element", 0);
                    consumer.addBinary(Binary.fromString(elements.getString(e)));
                    consumer.endField("element", 0);
                }
                consumer.endGroup();
            }
            consumer.endField("list", 0);
        }
        consumer.endGroup();
    }
}

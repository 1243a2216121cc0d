package com.summitlakehouse.delta;

import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The columns of a gold table, in row order. */
public record TableSchema(List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("Duplicate column " + column.name());
            }
        }
    }

    public static TableSchema of(Column... columns) {
        return new TableSchema(List.of(columns));
    }

    public int size() {
        return columns.size();
    }

    /** The Delta schema; each description is stored as the field's "comment", where Spark and SQL engines look. */
    StructType toStructType() {
        List<StructField> fields = new ArrayList<>(columns.size());
        for (Column column : columns) {
            fields.add(new StructField(column.name(), column.type().deltaType(), column.nullable(),
                    FieldMetadata.builder().putString("comment", column.description()).build()));
        }
        return new StructType(fields);
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.types.FieldMetadata;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The columns of a gold table, in row order, and the columns whose values the transaction log may carry as data
 * file statistics ({@code statisticsColumns}; empty: every column, Delta's default). Statistics are copied verbatim
 * into the log and its checkpoints, where anyone who may read the table's storage reads them: a column that can
 * carry moderated text is left out, so that nothing withdrawn lingers there.
 */
public record TableSchema(List<Column> columns, Optional<List<String>> statisticsColumns) {

    /** Delta's property for the columns statistics are collected on; Spark's writers and OPTIMIZE honour it too. */
    static final String STATISTICS_PROPERTY = "delta.dataSkippingStatsColumns";

    public TableSchema(List<Column> columns) {
        this(columns, Optional.empty());
    }

    public TableSchema {
        columns = List.copyOf(columns);
        statisticsColumns = statisticsColumns.map(List::copyOf);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (Column column : columns) {
            if (!names.add(column.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalArgumentException("Duplicate column " + column.name());
            }
        }
        for (String name : statisticsColumns.orElse(List.of())) {
            Column column = columns.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Statistics on " + name + ": no such column"));
            if (column.type() == ColumnType.STRING_ARRAY) {
                throw new IllegalArgumentException("Statistics on " + name + ": an array column has none");
            }
        }
    }

    /** The same columns, with statistics collected only on {@code names} (in schema order). */
    public TableSchema withStatisticsOn(Set<String> names) {
        return new TableSchema(columns, Optional.of(columns.stream().map(Column::name).filter(names::contains)
                .toList()));
    }

    /** The statistics property's value, when statistics are limited. */
    Optional<String> statisticsProperty() {
        return statisticsColumns.map(names -> String.join(",", names));
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

package com.summitlakehouse.delta;

import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;

/**
 * A data file's statistics for its "add" action, from the footer the Parquet writer has just written, with the
 * values a reader of the file would find in it: the footer goes through Parquet's own conversion to its stored form
 * and back (which drops min/max too large to store), instead of being read back from the store. Min, max and null
 * count per statistics column, as Kernel's writer records them; a column whose statistics are incomplete in some
 * row group gets none.
 */
final class FooterStatistics {

    private static final ParquetMetadataConverter CONVERTER = new ParquetMetadataConverter();

    private FooterStatistics() {
    }

    static DataFileStatistics of(ParquetMetadata written, StructType schema, List<Column> statsColumns)
            throws IOException {
        ParquetMetadata footer = CONVERTER.fromParquetMetadata(CONVERTER.toParquetMetadata(1, written));
        long rows = 0;
        Map<String, Statistics<?>> merged = new HashMap<>();
        Map<String, Boolean> complete = new HashMap<>();
        for (BlockMetaData block : footer.getBlocks()) {
            rows += block.getRowCount();
            for (ColumnChunkMetaData chunk : block.getColumns()) {
                if (chunk.getPath().size() != 1) {
                    continue; // a list's elements: no statistics for arrays
                }
                String name = chunk.getPath().toArray()[0];
                Statistics<?> statistics = chunk.getStatistics();
                boolean valid = statistics != null && !statistics.isEmpty() && statistics.isNumNullsSet()
                        && (statistics.hasNonNullValue() || statistics.getNumNulls() == chunk.getValueCount());
                complete.merge(name, valid, Boolean::logicalAnd);
                if (valid) {
                    merged.merge(name, statistics, FooterStatistics::mergeInto);
                }
            }
        }
        Map<Column, Literal> min = new HashMap<>();
        Map<Column, Literal> max = new HashMap<>();
        Map<Column, Long> nulls = new HashMap<>();
        for (Column column : statsColumns) {
            String[] path = column.getNames();
            if (path.length != 1 || schema.indexOf(path[0]) < 0 || !complete.getOrDefault(path[0], false)) {
                continue;
            }
            DataType type = schema.get(path[0]).getDataType();
            Statistics<?> statistics = merged.get(path[0]);
            if (!supported(type)) {
                continue;
            }
            nulls.put(column, statistics.getNumNulls());
            if (statistics.getNumNulls() == rows) {
                min.put(column, Literal.ofNull(type));
                max.put(column, Literal.ofNull(type));
            } else {
                min.put(column, literal(type, statistics, true));
                max.put(column, literal(type, statistics, false));
            }
        }
        return new DataFileStatistics(rows, min, max, nulls, Optional.empty());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Statistics<?> mergeInto(Statistics<?> a, Statistics<?> b) {
        ((Statistics) a).mergeStatistics(b);
        return a;
    }

    private static boolean supported(DataType type) {
        return type instanceof StringType || type instanceof IntegerType || type instanceof LongType
                || type instanceof BooleanType || type instanceof DateType || type instanceof TimestampType;
    }

    private static Literal literal(DataType type, Statistics<?> statistics, boolean min) {
        Object value = min ? statistics.genericGetMin() : statistics.genericGetMax();
        if (type instanceof StringType) {
            return Literal.ofString(new String(min ? statistics.getMinBytes() : statistics.getMaxBytes(),
                    StandardCharsets.UTF_8));
        }
        if (type instanceof IntegerType) {
            return Literal.ofInt(((Number) value).intValue());
        }
        if (type instanceof DateType) {
            return Literal.ofDate(((Number) value).intValue());
        }
        if (type instanceof LongType) {
            return Literal.ofLong(((Number) value).longValue());
        }
        if (type instanceof TimestampType) {
            return Literal.ofTimestamp(((Number) value).longValue());
        }
        return Literal.ofBoolean((Boolean) value);
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a gold table back through Delta Kernel's scan API, at the latest version or any retained one: the check
 * that what was committed is what a Delta reader sees. Values come back as {@link RowBatches} accepts them.
 */
public final class GoldTableReader {

    private final GoldTable table;
    private final Engine engine;

    public GoldTableReader(GoldTable table) {
        this.table = table;
        // Reading needs no put-if-absent commits: on a file system, the default engine, as any Delta reader would
        // use; on S3 (no S3A here), the table's own storage.
        this.engine = table.location().startsWith("file:") ? DefaultEngine.create(new Configuration())
                : DefaultEngine.create(table.storage());
    }

    public List<Map<String, Object>> readLatest() {
        return read(TableManager.loadSnapshot(table.location()));
    }

    public List<Map<String, Object>> readVersion(long version) {
        return read(TableManager.loadSnapshot(table.location()).atVersion(version));
    }

    /** Each column of the latest version with its comment, in schema order. */
    public Map<String, String> columnComments() {
        Map<String, String> comments = new java.util.LinkedHashMap<>();
        TableManager.loadSnapshot(table.location()).build(engine).getSchema().fields().forEach(field ->
                comments.put(field.getName(), field.getMetadata().contains("comment")
                        ? field.getMetadata().getString("comment") : null));
        return comments;
    }

    private List<Map<String, Object>> read(SnapshotBuilder builder) {
        Snapshot snapshot = builder.build(engine);
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = KernelInternals.physicalReadSchema(scanState);
        List<Map<String, Object>> out = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        Row scanFile = files.next();
                        FileStatus file = KernelInternals.addedFile(scanFile);
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                                .readParquetFiles(InMemoryIterators.of(List.of(file).iterator()), physicalSchema,
                                        Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, physical)) {
                            while (logical.hasNext()) {
                                collect(logical.next(), out);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new GoldTableException("Reading " + table.location() + " failed: " + e.getMessage(), e);
        }
        return out;
    }

    private static void collect(FilteredColumnarBatch batch, List<Map<String, Object>> out) {
        ColumnarBatch data = batch.getData();
        StructType schema = data.getSchema();
        Optional<ColumnVector> selection = batch.getSelectionVector();
        for (int row = 0; row < data.getSize(); row++) {
            if (selection.isPresent() && (selection.get().isNullAt(row) || !selection.get().getBoolean(row))) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (int c = 0; c < schema.length(); c++) {
                StructField field = schema.at(c);
                values.put(field.getName(), value(field.getDataType(), data.getColumnVector(c), row));
            }
            out.add(values);
        }
    }

    private static Object value(DataType type, ColumnVector vector, int row) {
        if (vector.isNullAt(row)) {
            return null;
        }
        if (type instanceof IntegerType) {
            return vector.getInt(row);
        }
        if (type instanceof LongType) {
            return vector.getLong(row);
        }
        if (type instanceof BooleanType) {
            return vector.getBoolean(row);
        }
        if (type instanceof DateType) {
            return LocalDate.ofEpochDay(vector.getInt(row));
        }
        if (type instanceof TimestampType) {
            return Instant.EPOCH.plus(vector.getLong(row), ChronoUnit.MICROS);
        }
        if (type instanceof ArrayType array) {
            ArrayValue value = vector.getArray(row);
            List<Object> items = new ArrayList<>(value.getSize());
            for (int i = 0; i < value.getSize(); i++) {
                items.add(value(array.getElementType(), value.getElements(), i));
            }
            return items;
        }
        return vector.getString(row);
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Every place under a table's directory where a text may be stored, read as a reader of the storage would: each
 * Parquet file decoded (compressed pages hide text from a byte search), referenced or not, and every other file
 * (commits, checksums, _last_checkpoint) as bytes. Answers the files that hold {@code text}.
 */
public final class StoredText {

    /** What a checkpoint stores that can carry row content: the statistics of each added file. */
    private static final StructType CHECKPOINT = new StructType()
            .add("add", new StructType().add("path", StringType.STRING).add("stats", StringType.STRING));

    private StoredText() {
    }

    public static List<Path> filesHolding(Path root, String text, StructType dataSchema) throws IOException {
        Engine engine = DefaultEngine.create(new Configuration());
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                boolean found;
                if (name.endsWith(".parquet")) {
                    StructType schema = name.contains(".checkpoint.") ? CHECKPOINT : dataSchema;
                    found = parquetHolds(engine, file, schema, text);
                } else {
                    found = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(text);
                }
                if (found) {
                    holding.add(file);
                }
            }
        }
        return holding;
    }

    private static boolean parquetHolds(Engine engine, Path file, StructType schema, String text) throws IOException {
        FileStatus status = FileStatus.of("file:" + file.toAbsolutePath(), Files.size(file),
                Files.getLastModifiedTime(file).toMillis());
        try (CloseableIterator<FileReadResult> results = engine.getParquetHandler().readParquetFiles(
                io.delta.kernel.internal.util.Utils.singletonCloseableIterator(status), schema, Optional.empty())) {
            while (results.hasNext()) {
                ColumnarBatch batch = results.next().getData();
                for (int ordinal = 0; ordinal < schema.length(); ordinal++) {
                    if (holds(batch.getColumnVector(ordinal), schema.at(ordinal).getDataType(), batch.getSize(),
                            text)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean holds(ColumnVector vector, DataType type, int size, String text) {
        for (int row = 0; row < size; row++) {
            if (vector.isNullAt(row)) {
                continue;
            }
            if (type instanceof StringType && vector.getString(row).contains(text)) {
                return true;
            }
            if (type instanceof ArrayType array && array.getElementType() instanceof StringType) {
                ColumnVector elements = vector.getArray(row).getElements();
                for (int i = 0; i < vector.getArray(row).getSize(); i++) {
                    if (!elements.isNullAt(i) && elements.getString(i).contains(text)) {
                        return true;
                    }
                }
            }
        }
        if (type instanceof StructType struct) {
            for (int i = 0; i < struct.length(); i++) {
                StructField field = struct.at(i);
                if (holds(vector.getChild(i), field.getDataType(), size, text)) {
                    return true;
                }
            }
        }
        return false;
    }
}

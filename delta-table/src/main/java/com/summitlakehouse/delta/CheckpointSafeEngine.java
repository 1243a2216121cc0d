package com.summitlakehouse.delta;

import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.ExpressionHandler;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.engine.FileSystemClient;
import io.delta.kernel.engine.JsonHandler;
import io.delta.kernel.engine.MetricsReporter;
import io.delta.kernel.engine.ParquetHandler;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Kernel's default engine over a {@link TableStorage}, except that a checkpoint appears under its name only when it
 * is complete. Kernel writes a checkpoint from the rows of a log replay; when reading those rows fails half-way,
 * Parquet still writes a footer as the stream closes, and a checkpoint holding half the table would look whole
 * (readers would miss rows without an error, and vacuum would delete the files it forgot). So the checkpoint is
 * written under a hidden staging name first, and moved to its real name only when every row was read and the
 * writer finished without a failure; otherwise the staged file is deleted and the failure goes up, and Kernel then
 * writes no {@code _last_checkpoint} naming it.
 */
final class CheckpointSafeEngine implements Engine {

    private final Engine engine;
    private final TableStorage storage;
    private final ParquetHandler parquet;

    CheckpointSafeEngine(TableStorage storage) {
        this.engine = DefaultEngine.create(storage);
        this.storage = storage;
        this.parquet = new CompleteCheckpoints(engine.getParquetHandler());
    }

    @Override
    public ExpressionHandler getExpressionHandler() {
        return engine.getExpressionHandler();
    }

    @Override
    public JsonHandler getJsonHandler() {
        return engine.getJsonHandler();
    }

    @Override
    public FileSystemClient getFileSystemClient() {
        return engine.getFileSystemClient();
    }

    @Override
    public ParquetHandler getParquetHandler() {
        return parquet;
    }

    @Override
    public List<MetricsReporter> getMetricsReporters() {
        return engine.getMetricsReporters();
    }

    private final class CompleteCheckpoints implements ParquetHandler {
        private final ParquetHandler delegate;

        CompleteCheckpoints(ParquetHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public CloseableIterator<FileReadResult> readParquetFiles(CloseableIterator<FileStatus> files,
                StructType schema, Optional<Predicate> predicate) throws IOException {
            return delegate.readParquetFiles(files, schema, predicate);
        }

        @Override
        public CloseableIterator<DataFileStatus> writeParquetFiles(String directory,
                CloseableIterator<FilteredColumnarBatch> data, List<Column> statsColumns) throws IOException {
            return delegate.writeParquetFiles(directory, data, statsColumns);
        }

        @Override
        public void writeParquetFileAtomically(String path, CloseableIterator<FilteredColumnarBatch> data)
                throws IOException {
            int slash = path.lastIndexOf('/');
            String staged = path.substring(0, slash + 1) + "." + path.substring(slash + 1) + "." + UUID.randomUUID()
                    + ".staged";
            WatchedRows rows = new WatchedRows(data);
            boolean published = false;
            try {
                delegate.writeParquetFileAtomically(staged, rows);
                if (!rows.complete()) {
                    throw new IOException("Checkpoint " + path + " not published: reading its rows "
                            + (rows.failure == null ? "stopped early" : "failed: " + rows.failure.getMessage()),
                            rows.failure);
                }
                storage.moveAtomically(staged, path);
                published = true;
            } finally {
                if (!published) {
                    try {
                        storage.delete(staged);
                    } catch (IOException | RuntimeException ignored) {
                        // Hidden by its name: no reader takes it for a checkpoint; vacuum's staging sweep removes it.
                    }
                }
            }
        }
    }

    /** The checkpoint's source rows, remembering whether they were read to the end without a failure. */
    private static final class WatchedRows implements CloseableIterator<FilteredColumnarBatch> {
        private final CloseableIterator<FilteredColumnarBatch> rows;
        private boolean exhausted;
        private RuntimeException failure;

        WatchedRows(CloseableIterator<FilteredColumnarBatch> rows) {
            this.rows = rows;
        }

        boolean complete() {
            return exhausted && failure == null;
        }

        @Override
        public boolean hasNext() {
            try {
                boolean more = rows.hasNext();
                exhausted |= !more;
                return more;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public FilteredColumnarBatch next() {
            try {
                return rows.next();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}

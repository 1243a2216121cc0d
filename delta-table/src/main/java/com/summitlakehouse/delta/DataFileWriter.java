package com.summitlakehouse.delta;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import io.delta.kernel.internal.util.Utils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Delta Kernel's write flow, in one place: rows stream through a transaction's state into Parquet data files
 * ({@link ParquetDataFiles}), and each written file becomes an "add" action for the commit. Nothing is committed
 * here.
 */
final class DataFileWriter {

    private final Engine engine;
    private final String location;
    private final GoldTableOptions options;
    private final ParquetDataFiles parquet;

    DataFileWriter(Engine engine, TableStorage storage, String location, GoldTableOptions options) {
        this.engine = engine;
        this.location = location;
        this.options = options;
        this.parquet = new ParquetDataFiles(storage);
    }

    /**
     * Writes each group into its own directory; answers the rows written, each group checked against its count. One
     * reading thread walks the groups in order, ahead of the writing (see {@link RowBatches}).
     */
    long writeGroups(Transaction transaction, TableSchema schema, List<RowGroup> groups, List<Row> actions) {
        long rows = 0;
        List<DataFileStatus> files = new ArrayList<>();
        try (Target target = new Target(transaction, schema); DataFileClosings closings = new DataFileClosings();
                RowBatches batches = new RowBatches(schema,
                groups.stream().<Supplier<Iterator<Object[]>>>map(RowGroup::opener).toList(), options.rowsPerBatch());
                PhysicalBatches physical = target.physical()) {
            for (RowGroup group : groups) {
                RowBatches.Group batchesOfGroup = batches.nextGroup();
                files.addAll(target.write(physical.of(batchesOfGroup), group.directory(), closings));
                if (batchesOfGroup.rowCount() != group.rows()) {
                    throw new GoldTableException("Wrote " + batchesOfGroup.rowCount() + " rows of group "
                            + group.name() + " to " + location + " but the source declared " + group.rows()
                            + "; nothing was committed");
                }
                rows += batchesOfGroup.rowCount();
            }
            awaitClosed(closings);
            actions.addAll(target.appendActions(files));
        }
        return rows;
    }

    record Written(List<Row> actions, long rows) {
    }

    /** Streams rows into new data files at the table root. */
    Written write(Transaction transaction, TableSchema schema, Iterator<Object[]> rows) {
        try (Target target = new Target(transaction, schema); DataFileClosings closings = new DataFileClosings();
                RowBatches batches = new RowBatches(schema, rows, options.rowsPerBatch());
                PhysicalBatches physical = target.physical()) {
            RowBatches.Group batchesOfGroup = batches.nextGroup();
            List<DataFileStatus> files = target.write(physical.of(batchesOfGroup), null, closings);
            awaitClosed(closings);
            return new Written(target.appendActions(files), batchesOfGroup.rowCount());
        }
    }

    /** Every data file written is closed (durable, uploaded) before its action can reach a commit. */
    private void awaitClosed(DataFileClosings closings) {
        try {
            closings.awaitAll();
        } catch (UncheckedIOException e) {
            throw GoldTableException.fromStorage(location, e);
        }
    }

    /**
     * Where and how one write's data files go: Kernel's transaction state, write context and logical-to-physical
     * transformation, asked once per write rather than once per group (each parses the table schema anew from the
     * state's JSON, the transformation twice; at an hour per group, 278 groups at 1M rows made 47,000 schema fields),
     * the Parquet side of the files once ({@link ParquetDataFiles.Files}), and the "add" actions made once for every
     * file written.
     */
    private final class Target implements AutoCloseable {
        private final Row state;
        private final DataWriteContext writeContext;
        private final String root;
        private final ParquetDataFiles.Files files;

        Target(Transaction transaction, TableSchema schema) {
            // 1. The transaction state tells the writer where and how data files go.
            this.state = transaction.getTransactionState(engine);
            this.writeContext = Transaction.getWriteContext(engine, state, Map.of());
            // Kernel names the target directory as an encoded URI (a space is %20) but takes a written file's path
            // as decoded text: handed on as it is, a table under "ware house" got its files under "ware%20house".
            this.root = TableLocation.canonical(writeContext.getTargetDirectory());
            this.files = parquet.forWrite(schema.toStructType(), statisticsColumns(schema, writeContext));
        }

        /**
         * 2. Logical rows become physical ones (no partitions or column mapping here, but Kernel decides), through
         * one transformation for the whole write.
         */
        PhysicalBatches physical() {
            try {
                return new PhysicalBatches(feed -> Transaction.transformLogicalData(engine, state, feed, Map.of()));
            } catch (KernelException e) {
                throw new GoldTableException("Writing " + location + " failed: " + e.getMessage(), e);
            }
        }

        /** Writes one group's physical batches into new data files, under {@code subdirectory} of the root if given. */
        List<DataFileStatus> write(CloseableIterator<FilteredColumnarBatch> physical, String subdirectory,
                DataFileClosings closings) {
            String directory = subdirectory == null ? root : root + "/" + subdirectory;
            try {
                // 3. Parquet files are written as the batches stream through, rolling at the target size.
                return files.write(directory, physical, closings);
            } catch (IOException e) {
                throw new GoldTableException("Writing data files of " + location + " failed: " + e.getMessage(), e);
            } catch (KernelException e) {
                throw new GoldTableException("Writing " + location + " failed: " + e.getMessage(), e);
            } catch (UncheckedIOException e) {
                throw GoldTableException.fromStorage(location, e);
            }
        }

        /** 4. Each written file becomes an "add" action. */
        List<Row> appendActions(List<DataFileStatus> files) {
            List<Row> actions = new ArrayList<>();
            try (CloseableIterator<Row> appends = Transaction.generateAppendActions(engine, state,
                    Utils.toCloseableIterator(files.iterator()), writeContext)) {
                appends.forEachRemaining(actions::add);
            } catch (IOException e) {
                throw new GoldTableException("Writing " + location + " failed: " + e.getMessage(), e);
            } catch (KernelException e) {
                throw new GoldTableException("Writing " + location + " failed: " + e.getMessage(), e);
            }
            return actions;
        }

        @Override
        public void close() {
            files.close();
        }
    }

    /**
     * The columns statistics go to the log for: the schema's choice (Kernel 4.4 does not read
     * {@code delta.dataSkippingStatsColumns} itself), else what Kernel picks.
     */
    private static List<io.delta.kernel.expressions.Column> statisticsColumns(TableSchema schema,
            DataWriteContext writeContext) {
        return schema.statisticsColumns()
                .map(names -> names.stream().map(io.delta.kernel.expressions.Column::new).toList())
                .orElseGet(writeContext::getStatisticsColumns);
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.schema.MessageType;

/**
 * Writes column batches into Parquet data files under one directory, rolling to a new file at the target size,
 * and answers each file with its size and statistics for its "add" action; what Kernel's default writer does, at a
 * fraction of its cost. Kernel's writer makes a new Hadoop Configuration for every file, reads the file back for its
 * statistics, and assembles every row into records value by value through parquet-mr's record layer (measured: a
 * third of the writing thread in Hadoop's configuration, most of the rest in record assembly and level bookkeeping).
 * Here each column of a batch ({@link BatchColumn}, already in Parquet's physical form) becomes one v2 data page in
 * one pass ({@link ParquetPage}: PLAIN values, compressed, with their statistics), the pages of a file are kept
 * until it closes, and parquet-mr's {@link ParquetFileWriter} lays out the chunks, page indexes and footer; the
 * statistics come from that footer ({@link FooterStatistics}). The codec and target size are those the table's
 * storage gives Kernel.
 */
final class ParquetDataFiles {

    /** What the codecs read: nothing but their own defaults, so no Hadoop resource is parsed. */
    private static final Configuration HADOOP = new Configuration(false);
    /** Pages held for a file before they are written out as a row group; a file is usually one row group. */
    private static final long ROW_GROUP_BYTES = 64L * 1024 * 1024;

    private final TableStorage storage;
    private final long targetFileSize;
    private final CompressionCodecName codec;

    ParquetDataFiles(TableStorage storage) {
        this.storage = storage;
        this.targetFileSize = storage.getConf("delta.kernel.default.parquet.writer.targetMaxFileSize")
                .map(Long::parseLong).orElse(128L * 1024 * 1024);
        this.codec = storage.getConf("parquet.compression").map(CompressionCodecName::fromConf)
                .orElse(CompressionCodecName.UNCOMPRESSED);
    }

    /** One write's files, through {@link Files#write} for each of its groups; closed when the write ends. */
    Files forWrite(StructType schema, List<Column> statsColumns) {
        return new Files(schema, statsColumns);
    }

    /**
     * The Parquet schema and the compressor of one write, made once for all its groups rather than per group: a
     * compressor holds a page-sized buffer of its own (1 MB), which per group came to 279 MB made and dropped in a
     * whole rewrite at 1M rows.
     */
    final class Files implements AutoCloseable {
        private final StructType schema;
        private final List<Column> statsColumns;
        private final MessageType parquetSchema;
        private final List<ColumnDescriptor> descriptors;
        private final CodecFactory codecs = new CodecFactory(HADOOP, 1 << 20);
        private final BytesInputCompressor compressor;

        private Files(StructType schema, List<Column> statsColumns) {
            this.schema = schema;
            this.statsColumns = statsColumns;
            this.parquetSchema = ParquetSchema.of(schema);
            this.descriptors = parquetSchema.getColumns();
            this.compressor = codecs.getCompressor(codec);
        }

        /**
         * Writes every row of {@code batches} (closed at the end) into new files under {@code directory}; each file
         * is finished through {@code closings}, which must be awaited before the files are read or committed.
         */
        List<DataFileStatus> write(String directory, CloseableIterator<FilteredColumnarBatch> batches,
                DataFileClosings closings) throws IOException {
            List<DataFileStatus> written = new ArrayList<>();
            OpenFile file = null;
            try (batches) {
                while (batches.hasNext()) {
                    ColumnarBatch data = columnsOf(batches.next());
                    if (data.getSize() == 0) {
                        continue;
                    }
                    if (file == null) {
                        file = open(directory, parquetSchema, closings);
                    }
                    for (int c = 0; c < descriptors.size(); c++) {
                        file.add(c, ParquetPage.of((BatchColumn) data.getColumnVector(c), descriptors.get(c),
                                compressor));
                    }
                    file.endBatch(data.getSize());
                    if (file.size() >= targetFileSize) {
                        written.add(file.finish(schema, statsColumns));
                        file = null;
                    }
                }
                if (file != null) {
                    written.add(file.finish(schema, statsColumns));
                    file = null;
                }
                return written;
            } finally {
                if (file != null) {
                    file.abandon(); // a partial file no commit names; vacuum removes it
                }
            }
        }

        @Override
        public void close() {
            codecs.release();
        }
    }

    /** The batch's columns as {@link RowBatches} built them; Kernel's transformation keeps them as they are. */
    private static ColumnarBatch columnsOf(FilteredColumnarBatch batch) {
        ColumnarBatch data = batch.getData();
        for (int c = 0; c < data.getSchema().length(); c++) {
            if (!(data.getColumnVector(c) instanceof BatchColumn)) {
                throw new GoldTableException("Column " + data.getSchema().at(c).getName() + " reached the Parquet "
                        + "writer as " + data.getColumnVector(c).getClass().getName() + ", not as built");
            }
        }
        if (batch.getSelectionVector().isPresent()) {
            throw new GoldTableException("A batch reached the Parquet writer with rows deselected");
        }
        return data;
    }

    private OpenFile open(String directory, MessageType schema, DataFileClosings closings) throws IOException {
        String path = directory + "/" + UUID.randomUUID() + "-000.parquet";
        StoreFile target = new StoreFile(storage.newOutputFile(path), closings);
        ParquetFileWriter writer = new ParquetFileWriter(target, schema, ParquetFileWriter.Mode.CREATE,
                ROW_GROUP_BYTES, 0, null, ParquetProperties.builder().build());
        writer.start();
        return new OpenFile(path, target, writer, schema.getColumns());
    }

    /** A data file being written: the pages of its current row group, column by column. */
    private final class OpenFile {
        private final String path;
        private final StoreFile target;
        private final ParquetFileWriter writer;
        private final List<ColumnDescriptor> descriptors;
        private final List<List<ParquetPage>> pages = new ArrayList<>();
        private long rows;
        private long buffered;

        OpenFile(String path, StoreFile target, ParquetFileWriter writer, List<ColumnDescriptor> descriptors) {
            this.path = path;
            this.target = target;
            this.writer = writer;
            this.descriptors = descriptors;
            descriptors.forEach(descriptor -> pages.add(new ArrayList<>()));
        }

        void add(int column, ParquetPage page) {
            pages.get(column).add(page);
            buffered += page.bytes();
        }

        void endBatch(int batchRows) throws IOException {
            rows += batchRows;
            if (buffered >= ROW_GROUP_BYTES) {
                writeRowGroup();
            }
        }

        /** Bytes written and held: the file's size, but for its footer. */
        long size() throws IOException {
            return writer.getPos() + buffered;
        }

        private void writeRowGroup() throws IOException {
            writer.startBlock(rows);
            for (int c = 0; c < descriptors.size(); c++) {
                List<ParquetPage> chunk = pages.get(c);
                writer.startColumn(descriptors.get(c), chunk.stream().mapToLong(ParquetPage::valueCount).sum(),
                        codec);
                for (ParquetPage page : chunk) {
                    writer.writeDataPageV2(page.rowCount(), page.nullCount(), page.valueCount(),
                            page.repetitionLevels(), page.definitionLevels(), Encoding.PLAIN,
                            page.compressedValues(), page.valuesSize(), page.statistics());
                }
                writer.endColumn();
                chunk.clear();
            }
            writer.endBlock();
            rows = 0;
            buffered = 0;
        }

        DataFileStatus finish(StructType schema, List<Column> statsColumns) throws IOException {
            if (rows > 0) {
                writeRowGroup();
            }
            writer.end(Map.of());
            return new DataFileStatus(storage.resolvePath(path), target.length(), System.currentTimeMillis(),
                    Optional.of(FooterStatistics.of(writer.getFooter(), schema, statsColumns)));
        }

        void abandon() {
            try {
                writer.close();
            } catch (IOException | RuntimeException ignored) {
                // the failure that stopped the write is the one to report
            }
        }
    }

    /**
     * A new file in the table's storage, as Parquet writes it; its length is known once Parquet has closed it, and
     * the store's own close (forcing it to disk, or uploading it) runs through {@link DataFileClosings}.
     */
    private static final class StoreFile implements OutputFile {
        private final io.delta.kernel.defaults.engine.fileio.OutputFile file;
        private final DataFileClosings closings;
        private io.delta.kernel.defaults.engine.fileio.PositionOutputStream stream;
        private long length = -1;

        StoreFile(io.delta.kernel.defaults.engine.fileio.OutputFile file, DataFileClosings closings) {
            this.file = file;
            this.closings = closings;
        }

        /** The bytes written, once the writer has closed the file. */
        long length() {
            return length;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) throws IOException {
            stream = file.create(false);
            return new PositionOutputStream() {
                @Override
                public long getPos() throws IOException {
                    return stream.getPos();
                }

                @Override
                public void write(int b) throws IOException {
                    stream.write(b);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    stream.write(bytes, offset, length);
                }

                @Override
                public void flush() throws IOException {
                    stream.flush();
                }

                @Override
                public void close() throws IOException {
                    if (StoreFile.this.length < 0) {
                        StoreFile.this.length = stream.getPos();
                        closings.close(stream);
                    }
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return file.path();
        }
    }
}

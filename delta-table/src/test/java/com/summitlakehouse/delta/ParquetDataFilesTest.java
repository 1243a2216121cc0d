package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.SCHEMA;
import static com.summitlakehouse.delta.GoldTableTest.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Settings;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.DataFileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our data files answer the statistics Kernel's own reader finds in them, so the log says what the files hold. */
class ParquetDataFilesTest {

    @TempDir
    Path dir;

    private static final List<Column> ALL = SCHEMA.columns().stream().map(c -> new Column(c.name())).toList();

    private List<DataFileStatus> write(TableStorage storage, List<Object[]> rows) throws Exception {
        try (RowBatches batches = new RowBatches(SCHEMA, rows.iterator(), 64)) {
            return ParquetDataFilesTest.written(storage, TableLocation.canonical(dir.toString()) + "/data",
                    SCHEMA.toStructType(), batches.nextGroup(), ALL);
        }
    }

    /** Writes and waits for every file to be closed, as a commit does. */
    static List<DataFileStatus> written(TableStorage storage, String directory, StructType schema,
            io.delta.kernel.utils.CloseableIterator<io.delta.kernel.data.FilteredColumnarBatch> batches,
            List<Column> statsColumns) throws Exception {
        try (DataFileClosings closings = new DataFileClosings();
                ParquetDataFiles.Files writer = new ParquetDataFiles(storage).forWrite(schema, statsColumns)) {
            List<DataFileStatus> files = writer.write(directory, batches, closings);
            closings.awaitAll();
            return files;
        }
    }

    private static TableStorage storage(String location, GoldTableOptions options) {
        return TableStorage.open(location, options, S3Settings.fromEnvironment(Map.of(), Optional.empty()));
    }

    private static void assertSameAsKernelReads(TableStorage storage, DataFileStatus file) throws Exception {
        StructType schema = SCHEMA.toStructType();
        DataFileStatistics read = ParquetStatsReader.readDataFileStatistics(
                storage.newInputFile(file.getPath(), file.getSize()), schema, ALL);
        assertEquals(read, file.getStatistics().orElseThrow());
        assertEquals(Files.size(Path.of(java.net.URI.create(file.getPath()))), file.getSize());
    }

    @Test
    void statisticsAreWhatKernelReadsFromTheFileWithNullsAndEveryType() throws Exception {
        String location = TableLocation.canonical(dir.toString());
        TableStorage storage = storage(location, GoldTableOptions.defaults());
        List<Object[]> rows = new ArrayList<>(rows(0, 500));
        // A column with only nulls in the file (its min and max are null), and text beyond the BMP.
        rows.forEach(row -> row[4] = null);
        rows.get(3)[1] = "\uD83D\uDE00 after every other name";
        List<DataFileStatus> files = write(storage, rows);
        assertEquals(1, files.size());
        assertEquals(500, files.get(0).getStatistics().orElseThrow().getNumRecords());
        assertSameAsKernelReads(storage, files.get(0));
    }

    @Test
    void filesRollAtTheTargetSizeAndHoldEveryRowOnce() throws Exception {
        String location = TableLocation.canonical(dir.toString());
        TableStorage storage = storage(location, GoldTableOptions.defaults().withTargetFileSizeBytes(4096));
        List<DataFileStatus> files = write(storage, rows(0, 3000));
        assertTrue(files.size() > 1, "rolled into " + files.size() + " files");
        long total = 0;
        for (DataFileStatus file : files) {
            assertSameAsKernelReads(storage, file);
            total += file.getStatistics().orElseThrow().getNumRecords();
        }
        assertEquals(3000, total);
    }
}

package com.summitlakehouse.delta;

import static com.summitlakehouse.delta.GoldTableTest.lineage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.delta.objectstore.S3Settings;
import io.delta.kernel.defaults.internal.parquet.ParquetStatsReader;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.statistics.DataFileStatistics;
import io.delta.kernel.utils.DataFileStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edges of our page encoding, read back by Kernel's reader (parquet-mr underneath): lists that are null, empty,
 * or hold null elements, in a nullable and a required list column; negative numbers (signed order); text whose first
 * byte is above 0x7F (unsigned order: "é" sorts after "z"); booleans past one byte of bits with nulls between them;
 * a column whose every value in a page is null; and page statistics equal to what Kernel reads from the footer.
 */
class ParquetPageTest {

    static final TableSchema EDGES = TableSchema.of(
            new Column("id", ColumnType.LONG, false, "Row id"),
            new Column("text", ColumnType.STRING, true, "Text"),
            new Column("number", ColumnType.INTEGER, true, "A signed int"),
            new Column("big", ColumnType.LONG, true, "A signed long"),
            new Column("flag", ColumnType.BOOLEAN, true, "A flag"),
            new Column("day", ColumnType.DATE, true, "A day, before 1970 too"),
            new Column("at", ColumnType.TIMESTAMP, true, "A moment"),
            new Column("tags", ColumnType.STRING_ARRAY, true, "Nullable list"),
            new Column("labels", ColumnType.STRING_ARRAY, false, "Required list"),
            new Column("nothing", ColumnType.STRING, true, "Always null"));

    @TempDir
    Path dir;

    static List<Object[]> edgeRows(int count) {
        List<Object[]> rows = new ArrayList<>();
        String[] texts = {"z", "\u00e9t\u00e9", "a", "", "\uD83D\uDE00 emoji", "Zebra"};
        for (int i = 0; i < count; i++) {
            List<String> tags = switch (i % 4) {
                case 0 -> null;
                case 1 -> List.of();
                case 2 -> Arrays.asList("x" + i, null, "\u00fcber");
                default -> List.of("only");
            };
            List<String> labels = i % 3 == 0 ? List.of() : Arrays.asList(null, "l" + i);
            rows.add(new Object[] {(long) i, i % 5 == 4 ? null : texts[i % texts.length],
                    i % 6 == 5 ? null : (i % 2 == 0 ? -i * 1000 : i), i % 7 == 6 ? null : (long) -i * 10_000_000_000L,
                    i % 3 == 2 ? null : i % 2 == 1, LocalDate.of(1969, 12, 25).plusDays(i),
                    i % 9 == 8 ? null : Instant.parse("1969-12-31T23:59:58.999999Z").plusMillis(i * 7L), tags,
                    labels, null});
        }
        return rows;
    }

    @Test
    void everyEdgeReadsBackAsWrittenThroughKernel() {
        GoldTable table = new GoldTable(dir.resolve("t").toString(), GoldTableOptions.defaults());
        List<Object[]> rows = edgeRows(45); // booleans over several bytes of bits, lists in every state
        table.overwrite(EDGES, rows.iterator(), lineage("fp", rows.size()));
        Map<Long, Map<String, Object>> byId = new GoldTableReader(table).readLatest().stream()
                .collect(Collectors.toMap(r -> (Long) r.get("id"), r -> r));
        assertEquals(rows.size(), byId.size());
        for (Object[] expected : rows) {
            assertEquals(Arrays.asList(expected), new ArrayList<>(byId.get((Long) expected[0]).values()),
                    "row " + expected[0]);
        }
    }

    @Test
    void pageStatisticsAreWhatKernelReadsAcrossPagesAndFiles() throws Exception {
        String location = TableLocation.canonical(dir.toString());
        TableStorage storage = TableStorage.open(location, GoldTableOptions.defaults().withTargetFileSizeBytes(2048),
                S3Settings.fromEnvironment(Map.of(), Optional.empty()));
        List<io.delta.kernel.expressions.Column> all = EDGES.columns().stream()
                .map(c -> new io.delta.kernel.expressions.Column(c.name())).toList();
        List<DataFileStatus> files;
        // Batches of 7 rows: several pages per column chunk, and pages where a column holds only nulls.
        try (RowBatches batches = new RowBatches(EDGES, edgeRows(200).iterator(), 7)) {
            files = ParquetDataFilesTest.written(storage, location + "/data", EDGES.toStructType(),
                    batches.nextGroup(), all);
        }
        long rows = 0;
        for (DataFileStatus file : files) {
            DataFileStatistics read = ParquetStatsReader.readDataFileStatistics(
                    storage.newInputFile(file.getPath(), file.getSize()), EDGES.toStructType(), all);
            assertEquals(read, file.getStatistics().orElseThrow());
            rows += read.getNumRecords();
        }
        assertEquals(200, rows);
    }

    @Test
    void minAndMaxAreParquetsOrderSignedNumbersAndUnsignedText() throws Exception {
        String location = TableLocation.canonical(dir.toString());
        TableStorage storage = TableStorage.open(location, GoldTableOptions.defaults(),
                S3Settings.fromEnvironment(Map.of(), Optional.empty()));
        List<io.delta.kernel.expressions.Column> all = EDGES.columns().stream()
                .map(c -> new io.delta.kernel.expressions.Column(c.name())).toList();
        DataFileStatistics stats;
        try (RowBatches batches = new RowBatches(EDGES, edgeRows(40).iterator(), 16)) {
            stats = ParquetDataFilesTest.written(storage, location + "/data", EDGES.toStructType(),
                    batches.nextGroup(), all).get(0).getStatistics().orElseThrow();
        }
        assertEquals(Literal.ofString("\uD83D\uDE00 emoji"), stats.getMaxValues().get(column("text")));
        assertEquals(Literal.ofString(""), stats.getMinValues().get(column("text")));
        assertEquals(Literal.ofInt(-38_000), stats.getMinValues().get(column("number")));
        assertEquals(Literal.ofInt(39), stats.getMaxValues().get(column("number")));
        assertEquals(Literal.ofLong(-390_000_000_000L), stats.getMinValues().get(column("big")));
        assertEquals(Literal.ofLong(0), stats.getMaxValues().get(column("big")));
        assertEquals(Literal.ofDate((int) LocalDate.of(1969, 12, 25).toEpochDay()),
                stats.getMinValues().get(column("day")));
        assertEquals(8L, stats.getNullCount().get(column("text")));
        assertEquals(40L, stats.getNullCount().get(column("nothing")));
    }

    private static io.delta.kernel.expressions.Column column(String name) {
        return new io.delta.kernel.expressions.Column(name);
    }
}

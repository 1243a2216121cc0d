package bench.freshness;

import bench.common.DeltaLog;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.expressions.And;
import io.delta.kernel.expressions.Column;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.expressions.Predicate;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/** The gold tables in the mirror's local warehouse: their versions from the log, their rows read with Delta Kernel. */
final class GoldTables {
    static final String POSTS = "gold/social_posts";
    static final String QUESTIONS = "gold/qa_published";

    private final Path warehouse;
    private final Engine engine = DefaultEngine.create(new Configuration());

    GoldTables(Path warehouse) {
        this.warehouse = warehouse.toAbsolutePath();
    }

    void warmUp() throws IOException {
        postPresent(latestVersion(POSTS), "instagram", "bench-0", LocalDate.now(ZoneOffset.UTC));
        questionPresent(latestVersion(QUESTIONS), 0);
    }

    /** The newest commit file's version: a directory listing, far cheaper than loading a snapshot. */
    long latestVersion(String table) {
        try {
            return log(table).latestVersion();
        } catch (IOException e) {
            throw new IllegalStateException("listing " + table + "/_delta_log failed: " + e.getMessage(), e);
        }
    }

    /** When the version was committed: its commitInfo's timestamp, else the commit file's modification time. */
    long commitTimestamp(String table, long version) throws IOException {
        var timestamp = log(table).commitTimestamp(version);
        if (timestamp.isPresent()) {
            return timestamp.getAsLong();
        }
        return Files.getLastModifiedTime(warehouse.resolve(table).resolve("_delta_log")
                .resolve(DeltaLog.commitName(version))).toMillis();
    }

    private DeltaLog log(String table) {
        return DeltaLog.of(warehouse.resolve(table).toString());
    }

    boolean postPresent(long version, String platform, String externalId, LocalDate day) throws IOException {
        Snapshot snapshot = snapshot(POSTS, version);
        StructType schema = snapshot.getSchema();
        long from = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000;
        long to = from + 86_400L * 1_000_000;
        boolean ntz = schema.get("posted_at").getDataType() instanceof TimestampNTZType;
        Predicate onTheDay = new And(
                new Predicate(">=", new Column("posted_at"), ntz ? Literal.ofTimestampNtz(from)
                        : Literal.ofTimestamp(from)),
                new Predicate("<", new Column("posted_at"), ntz ? Literal.ofTimestampNtz(to)
                        : Literal.ofTimestamp(to)));
        StructType read = new StructType().add(schema.get("platform")).add(schema.get("external_id"));
        return anyRow(snapshot, onTheDay, read,
                (data, row) -> externalId.equals(data.getColumnVector(1).getString(row))
                        && platform.equals(data.getColumnVector(0).getString(row)));
    }

    boolean questionPresent(long version, long id) throws IOException {
        Snapshot snapshot = snapshot(QUESTIONS, version);
        StructType read = new StructType().add(snapshot.getSchema().get("question_id"));
        return anyRow(snapshot, new Predicate("=", new Column("question_id"), Literal.ofLong(id)), read,
                (data, row) -> data.getColumnVector(0).getLong(row) == id);
    }

    private Snapshot snapshot(String table, long version) {
        return Table.forPath(engine, warehouse.resolve(table).toString()).getSnapshotAsOfVersion(engine, version);
    }

    interface RowTest {
        boolean matches(ColumnarBatch data, int row);
    }

    /**
     * Kernel's read flow: the filter skips files by their statistics; the remaining files are read and
     * transformed to the logical schema, and each selected row is tested.
     */
    private boolean anyRow(Snapshot snapshot, Predicate filter, StructType read, RowTest test) throws IOException {
        Scan scan = snapshot.getScanBuilder().withFilter(filter).withReadSchema(read).build();
        Row scanState = scan.getScanState(engine);
        StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(engine)) {
            while (scanFiles.hasNext()) {
                try (CloseableIterator<Row> files = scanFiles.next().getRows()) {
                    while (files.hasNext()) {
                        Row scanFile = files.next();
                        CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                                .readParquetFiles(Utils.singletonCloseableIterator(
                                        InternalScanFileUtils.getAddFileStatus(scanFile)), physical, Optional.empty())
                                .map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> logical =
                                Scan.transformPhysicalData(engine, scanState, scanFile, data)) {
                            while (logical.hasNext()) {
                                FilteredColumnarBatch batch = logical.next();
                                ColumnarBatch rows = batch.getData();
                                Optional<ColumnVector> selected = batch.getSelectionVector();
                                for (int r = 0; r < rows.getSize(); r++) {
                                    boolean in = selected.isEmpty()
                                            || (!selected.get().isNullAt(r) && selected.get().getBoolean(r));
                                    if (in && test.matches(rows, r)) {
                                        return true;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return false;
    }
}

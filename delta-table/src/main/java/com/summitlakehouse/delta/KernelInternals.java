package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.TableConfig;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.actions.RemoveFile;
import io.delta.kernel.internal.data.GenericRow;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.internal.actions.SingleAction;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.snapshot.MetadataCleanup;
import io.delta.kernel.internal.tablefeatures.TableFeatures;
import io.delta.kernel.transaction.ReplaceTableTransactionBuilder;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one door to Delta Kernel's internal classes (Kernel 4.4.0). Each method says which public API is missing;
 * a Kernel upgrade that moves or adds one touches this file only, and its tests say whether the door still opens.
 */
public final class KernelInternals {

    private KernelInternals() {
    }

    /**
     * A transaction that replaces the whole table (new schema and metadata, every old file removed). The public
     * {@code Snapshot} only builds update transactions; {@code SnapshotImpl} builds a replace.
     */
    static ReplaceTableTransactionBuilder replaceTable(Snapshot previous, StructType schema, String engineInfo) {
        return ((SnapshotImpl) previous).buildReplaceTableTransaction(schema, engineInfo);
    }

    /**
     * The deletion vector file a scan-file row's data file uses, as a path (absolute, in the root's form); empty for
     * none or an inline one. The public Scan API hands rows whose layout only these internal helpers decode.
     */
    static Optional<String> deletionVectorFile(Row scanFile, String root) {
        DeletionVectorDescriptor dv = InternalScanFileUtils.getDeletionVectorDescriptorFromRow(scanFile);
        return dv == null || !dv.isOnDisk() ? Optional.empty() : Optional.of(dv.getAbsolutePath(root));
    }

    /** The same for a deletion vector as the log's JSON writes it ({@code storageType}, {@code pathOrInlineDv}...). */
    static Optional<String> deletionVectorFile(String storageType, String pathOrInlineDv, int sizeInBytes,
            String root) {
        DeletionVectorDescriptor dv = new DeletionVectorDescriptor(storageType, pathOrInlineDv, Optional.empty(),
                sizeInBytes, 0);
        return dv.isOnDisk() ? Optional.of(dv.getAbsolutePath(root)) : Optional.empty();
    }

    /** The statistics JSON of the data file a scan-file row (of a scan with statistics) adds, when it has them. */
    static Optional<String> statistics(Row scanFile) {
        return new AddFile(scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL)).getStatsJson();
    }

    /** Every table feature the snapshot's protocol names (reader and writer), by name. */
    static Set<String> tableFeatures(Snapshot snapshot) {
        Protocol protocol = ((SnapshotImpl) snapshot).getProtocol();
        Set<String> names = new TreeSet<>(protocol.getReaderAndWriterFeatures());
        protocol.getImplicitlyAndExplicitlySupportedFeatures().forEach(feature -> names.add(feature.featureName()));
        return names;
    }

    /**
     * Kernel's own rule for whether a table's expired commits may be deleted (Checkpointer applies it only to a
     * snapshot loaded as the latest, never to the one a commit hands back): the table must not have turned it off
     * ({@code delta.enableExpiredLogCleanup}) nor carry the checkpointProtection writer feature.
     */
    static boolean expiredLogCleanupAllowed(Snapshot snapshot) {
        SnapshotImpl impl = (SnapshotImpl) snapshot;
        return TableConfig.EXPIRED_LOG_CLEANUP_ENABLED.fromMetadata(impl.getMetadata())
                && !impl.getProtocol().getWriterFeatures()
                        .contains(TableFeatures.CHECKPOINT_PROTECTION_W_FEATURE.featureName());
    }

    /** {@code delta.logRetentionDuration} as the table has it (Delta's default when unset). */
    static long logRetentionMillis(Snapshot snapshot) {
        return TableConfig.LOG_RETENTION.fromMetadata(((SnapshotImpl) snapshot).getMetadata());
    }

    /** {@code delta.deletedFileRetentionDuration} as the table has it (Delta's default when unset). */
    static long deletedFileRetentionMillis(Snapshot snapshot) {
        return TableConfig.TOMBSTONE_RETENTION.fromMetadata(((SnapshotImpl) snapshot).getMetadata());
    }

    /**
     * Deletes commit files older than the retention that a newer checkpoint makes unnecessary; answers how many went.
     * Kernel's checkpoint hook skips this for the snapshot a commit hands it, and no public API runs it.
     */
    static long cleanupExpiredLogs(Engine engine, Clock clock, String location, long retentionMillis)
            throws IOException {
        return MetadataCleanup.cleanupExpiredLogs(engine, clock::millis, new io.delta.kernel.internal.fs.Path(location),
                retentionMillis);
    }

    /**
     * The data file a scan-file row adds, with its path made absolute against the table root. The public Scan API
     * hands rows whose layout only this internal helper decodes.
     */
    public static FileStatus addedFile(Row scanFile) {
        return InternalScanFileUtils.getAddFileStatus(scanFile);
    }

    /**
     * The path a scan-file row's data file has in the log (relative to the table root for files the table wrote).
     * The public Scan API hands rows whose layout only this internal helper decodes.
     */
    static String loggedPath(Row scanFile) {
        return InternalScanFileUtils.getFilePath(scanFile);
    }

    /** The data file a scan-file row (of a scan with statistics) adds, copied out of Kernel's batch. */
    static TrackedFile scannedFile(Row scanFile) {
        return tracked(new AddFile(scanFile.getStruct(InternalScanFileUtils.ADD_FILE_ORDINAL)));
    }

    /** The data file an action row of ours adds ({@code Transaction.generateAppendActions}); empty for other actions. */
    static Optional<TrackedFile> trackedAdd(Row action) {
        return action.isNullAt(SingleAction.ADD_FILE_ORDINAL) ? Optional.empty()
                : Optional.of(tracked(new AddFile(action.getStruct(SingleAction.ADD_FILE_ORDINAL))));
    }

    private static TrackedFile tracked(AddFile add) {
        return new TrackedFile(add.getPath(), add.getSize(), VectorUtils.toJavaMap(add.getPartitionValues()),
                add.getStatsJson(), add.getTags().map(VectorUtils::<String, String>toJavaMap),
                add.getDeletionVector(), add.getBaseRowId(), add.getDefaultRowCommitVersion());
    }

    /**
     * A "remove" action for a tracked data file, stamped with its deletion time (which vacuum's retention counts
     * from), field for field as Kernel's {@code AddFile.toRemoveFileRow} makes one. Kernel's public Transaction only
     * generates appends; its commit takes any action.
     */
    static Row removeAction(TrackedFile file, long deletionTimestamp) {
        StructType schema = RemoveFile.FULL_SCHEMA;
        Map<Integer, Object> fields = new HashMap<>();
        fields.put(schema.indexOf("path"), file.path());
        fields.put(schema.indexOf("deletionTimestamp"), deletionTimestamp);
        fields.put(schema.indexOf("dataChange"), true);
        fields.put(schema.indexOf("extendedFileMetadata"), true);
        fields.put(schema.indexOf("partitionValues"), VectorUtils.stringStringMapValue(file.partitionValues()));
        fields.put(schema.indexOf("size"), file.size());
        file.statistics().ifPresent(stats -> fields.put(schema.indexOf("stats"), stats));
        file.tags().ifPresent(tags -> fields.put(schema.indexOf("tags"), VectorUtils.stringStringMapValue(tags)));
        file.deletionVector().ifPresent(dv -> fields.put(schema.indexOf("deletionVector"), dv.toRow()));
        file.baseRowId().ifPresent(id -> fields.put(schema.indexOf("baseRowId"), id));
        file.defaultRowCommitVersion().ifPresent(v -> fields.put(schema.indexOf("defaultRowCommitVersion"), v));
        return SingleAction.createRemoveFileSingleAction(new GenericRow(schema, fields));
    }

    /** The schema to read a scan's Parquet files with; the public ScanState row does not expose it. */
    public static StructType physicalReadSchema(Row scanState) {
        return ScanStateRow.getPhysicalDataReadSchema(scanState);
    }

    /** A columnar batch over our own vectors; the default engine's batch class is the only implementation. */
    static ColumnarBatch columnarBatch(int size, StructType schema, ColumnVector[] vectors) {
        return new DefaultColumnarBatch(size, schema, vectors);
    }
}

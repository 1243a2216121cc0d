package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.delta.objectstore.S3Storage;
import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.apache.hadoop.conf.Configuration;

/**
 * A Delta table written as whole snapshots: each {@link #overwrite} commits one new version that removes every
 * old data file and adds the new ones, like Spark's {@code mode("overwrite")}. A grouped table (rows split into
 * named groups, each in files of its own) can also have single groups replaced ({@link #replaceGroups}), which
 * costs what those groups hold. Readers see the old snapshot or the new one, never a mix; a failure before the
 * commit leaves the previous version exactly as it was.
 *
 * <p>The location is a local path, a {@code file:} URI, or {@code s3://bucket/prefix} ({@code s3a://} too) on AWS S3
 * or an S3-compatible store.
 */
public final class GoldTable {

    private static final String TARGET_FILE_SIZE = "delta.kernel.default.parquet.writer.targetMaxFileSize";
    /** A property each commit sets to an id of its own, by which a commit whose answer was lost is recognised. */
    static final String COMMIT_ID = "summit.commit.id";

    private final String location;
    private final GoldTableOptions options;
    private final TableStorage storage;
    private final Engine engine;
    private final TableUpkeep upkeep;

    /** A table whose S3 settings, if it is on S3, come from the environment as in every AWS tool. */
    public GoldTable(String location, GoldTableOptions options) {
        this(location, options, S3Settings.fromEnvironment(System.getenv(),
                Optional.ofNullable(System.getenv("SECRETS_DIR")).map(Path::of)));
    }

    /** A table at a local path or {@code file:} URI, or at {@code s3://bucket/prefix} on the store {@code s3} names. */
    public GoldTable(String location, GoldTableOptions options, S3Settings s3) {
        this(location, options, s3, storage -> storage);
    }

    /**
     * As {@link #GoldTable(String, GoldTableOptions, S3Settings)}, with the table's storage seen through
     * {@code throughStorage}: a decorator that counts or fails operations (the fault-injection tests use it).
     */
    GoldTable(String location, GoldTableOptions options, S3Settings s3, UnaryOperator<TableStorage> throughStorage) {
        this.location = TableLocation.canonical(location);
        this.options = options;
        Configuration hadoop = new Configuration();
        hadoop.setLong(TARGET_FILE_SIZE, options.targetFileSizeBytes());
        // Kernel writes uncompressed, dictionary-encoded v1 pages by default. Gold tables hold mostly distinct text
        // (ids, captions, links), where building dictionaries that overflow costs a fifth of the writer's time;
        // v2 pages encode it by delta instead and Snappy compresses it, for files a fifth the size, written faster.
        hadoop.set("parquet.compression", "SNAPPY");
        hadoop.set("parquet.writer.version", "v2");
        hadoop.setBoolean("parquet.enable.dictionary", false);
        // Put-if-absent commits: link(2) on local disks, conditional PUTs on S3.
        this.storage = throughStorage.apply(this.location.startsWith("s3://") || this.location.startsWith("s3a://")
                ? new S3Storage(S3Clients.create(s3), key -> Optional.ofNullable(hadoop.get(key)))
                : new LocalAtomicFileIO(key -> Optional.ofNullable(hadoop.get(key))));
        this.engine = new CheckpointSafeEngine(storage);
        this.upkeep = new TableUpkeep(this.location, options, storage, engine);
    }

    public String location() {
        return location;
    }

    /** Where the table's files are; readers of the table use it too. */
    TableStorage storage() {
        return storage;
    }

    /** The latest version, or empty when no table exists at the location yet. */
    public Optional<TableVersion> current() {
        return latestSnapshot().map(this::describe);
    }

    /**
     * Replaces the table's contents with {@code rows} (values in schema order; an {@link AutoCloseable} iterator is
     * closed at the end) as one new version, creating the table if needed. {@code lineage.rows()} must equal the
     * number of rows the iterator yields; otherwise nothing is committed.
     */
    public OverwriteResult overwrite(TableSchema schema, Iterator<Object[]> rows, Lineage lineage) {
        return write(schema, rows, lineage, latestSnapshot());
    }

    /**
     * As {@link #overwrite(TableSchema, Iterator, Lineage)}, on top of exactly the version a caller looked at before
     * deciding to write ({@code basedOn}; empty: no table existed). If another writer committed since, nothing is
     * committed and {@link ConcurrentCommitException} says so: a decision taken on an older version never lands.
     */
    public OverwriteResult overwrite(TableSchema schema, Iterator<Object[]> rows, Lineage lineage,
            Optional<TableVersion> basedOn) {
        return write(schema, rows, lineage, basedOn.map(this::snapshotAt));
    }

    private Snapshot snapshotAt(TableVersion seen) {
        try {
            return TableManager.loadSnapshot(location).atVersion(seen.version()).build(engine);
        } catch (KernelException e) {
            throw new GoldTableException("Version " + seen.version() + " of " + location + " is gone: "
                    + e.getMessage(), e);
        }
    }

    private OverwriteResult write(TableSchema schema, Iterator<Object[]> rows, Lineage lineage,
            Optional<Snapshot> previous) {
        storage.verifyAtomicCommits(location);
        String commitId = UUID.randomUUID().toString();
        Transaction transaction = begin(schema, previous, lineage, Optional.empty(), commitId);
        if (previous.flatMap(snapshot -> snapshot.getDomainMetadata(GroupLayout.DOMAIN)).isPresent()) {
            // Its files are no longer grouped: a layout left behind would describe files that are gone.
            transaction.removeDomainMetadata(GroupLayout.DOMAIN);
        }
        Written written = writeFiles(transaction, schema, rows, null);
        if (written.rows() != lineage.rows()) {
            throw new GoldTableException("Wrote " + written.rows() + " rows to " + location
                    + " but the source declared " + lineage.rows() + "; nothing was committed");
        }
        // One commit: removes of every old file, adds of the new ones, the new metadata. All or nothing.
        return commit(transaction, written.actions(), written.rows(), written.actions().size(), 0, previous,
                commitId);
    }

    /**
     * Replaces the whole table with {@code groups}, each group's rows in data files of their own, and records
     * {@code layout} with the version, so that a later {@link #replaceGroups} can rewrite single groups. As
     * {@link #overwrite(TableSchema, Iterator, Lineage, Optional)} otherwise: on top of exactly {@code basedOn}.
     */
    public OverwriteResult overwrite(TableSchema schema, List<RowGroup> groups, GroupLayout layout, Lineage lineage,
            Optional<TableVersion> basedOn) {
        storage.verifyAtomicCommits(location);
        Optional<Snapshot> previous = basedOn.map(this::snapshotAt);
        String commitId = UUID.randomUUID().toString();
        Transaction transaction = begin(schema, previous, lineage, Optional.of(layout), commitId);
        List<Row> actions = new ArrayList<>();
        long rows = writeGroups(transaction, schema, groups, actions);
        if (rows != lineage.rows()) {
            throw new GoldTableException("Wrote " + rows + " rows to " + location + " but the source declared "
                    + lineage.rows() + "; nothing was committed");
        }
        transaction.addDomainMetadata(GroupLayout.DOMAIN, layout.toJson());
        return commit(transaction, actions, rows, actions.size(), 0, previous, commitId);
    }

    /**
     * The newest commit since {@code job}'s own last one in which another writer changed rows (a DELETE, UPDATE,
     * MERGE or RESTORE; OPTIMIZE, ZORDER BY and VACUUM change none), in a few words; empty when there is none. After
     * such a commit, what {@code job} recorded about the table's contents no longer holds.
     */
    public Optional<String> rowsChangedByOthers(TableVersion basedOn, String job) {
        try {
            return ForeignCommits.dataChangeSince(storage, location, basedOn.version(), job);
        } catch (IOException | UncheckedIOException e) {
            throw new GoldTableException("Reading the history of " + location + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The groups of {@code basedOn} that share a data file with another group (placed by the files' own statistics
     * on {@code groupColumn}, see {@link FileGroups}): rewriting any of them means rewriting all that share its
     * files. Empty when some file cannot be placed (no statistics on the column): only a whole rewrite is safe.
     */
    public Optional<Set<String>> groupsInSharedFiles(TableVersion basedOn, Optional<String> groupColumn) {
        Set<String> shared = new HashSet<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = snapshotAt(basedOn).getScanBuilder().build()
                .getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    while (files.hasNext()) {
                        Optional<Set<String>> groups = FileGroups.of(files.next(), groupColumn);
                        if (groups.isEmpty()) {
                            return Optional.empty();
                        }
                        if (groups.get().size() > 1) {
                            shared.addAll(groups.get());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new GoldTableException("Listing the data files of " + location + " failed: " + e.getMessage(), e);
        }
        return Optional.of(shared);
    }

    /**
     * Rewrites only some groups of a grouped table, as one new version on top of exactly {@code basedOn}: the data
     * files holding rows of any group in {@code changed} or {@code gone} (by their statistics on {@code groupColumn},
     * whoever wrote them) are removed, the rows of {@code changed} written anew, and {@code layout} recorded; every
     * other group's files stay as they are. A file that also holds rows of a group not rewritten fails it (see
     * {@link #groupsInSharedFiles}). The schema must be the one {@code basedOn} has (a changed schema needs a whole
     * overwrite). A concurrent commit since {@code basedOn} fails it with {@link ConcurrentCommitException}.
     */
    public OverwriteResult replaceGroups(TableSchema schema, List<RowGroup> changed, Set<String> gone,
            GroupLayout layout, Lineage lineage, TableVersion basedOn) {
        return replaceGroups(schema, changed, gone, layout, lineage, basedOn, Optional.empty());
    }

    /** As above; {@code groupColumn}: the column whose statistics place files this writer did not write. */
    public OverwriteResult replaceGroups(TableSchema schema, List<RowGroup> changed, Set<String> gone,
            GroupLayout layout, Lineage lineage, TableVersion basedOn, Optional<String> groupColumn) {
        storage.verifyAtomicCommits(location);
        Snapshot previous = snapshotAt(basedOn);
        if (!previous.getSchema().equals(schema.toStructType()) || !schema.statisticsProperty()
                .equals(Optional.ofNullable(previous.getTableProperties().get(TableSchema.STATISTICS_PROPERTY)))) {
            throw new GoldTableException("The schema of " + location + " (or its statistics columns) differs from "
                    + "the rows'; rewriting single groups needs the same (overwrite the whole table instead)");
        }
        Set<String> replaced = new HashSet<>(gone);
        changed.forEach(group -> replaced.add(group.name()));
        List<Row> replacedFiles = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = previous.getScanBuilder().build()
                .getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    while (files.hasNext()) {
                        Row scanFile = files.next();
                        String path = KernelInternals.loggedPath(scanFile);
                        Set<String> groups = FileGroups.of(scanFile, groupColumn).orElseThrow(() ->
                                new GoldTableException("Data file " + path + " of " + location + " belongs to no "
                                        + "group (no statistics on " + groupColumn.orElse("a group column")
                                        + "); overwrite the whole table instead"));
                        if (groups.stream().anyMatch(replaced::contains)) {
                            if (!replaced.containsAll(groups)) {
                                throw new GoldTableException("Data file " + path + " of " + location + " also holds "
                                        + "rows of groups not rewritten; rewrite every group it holds");
                            }
                            replacedFiles.add(scanFile);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new GoldTableException("Listing the data files of " + location + " failed: " + e.getMessage(), e);
        }

        String commitId = UUID.randomUUID().toString();
        Map<String, String> properties = new LinkedHashMap<>(lineage.toProperties(options.clock().instant().toString()));
        properties.put(COMMIT_ID, commitId);
        Transaction transaction = previous.buildUpdateTableTransaction(engineInfo(lineage), Operation.WRITE)
                .withTablePropertiesAdded(properties).withMaxRetries(0).build(engine);
        List<Row> actions = new ArrayList<>();
        long rows = writeGroups(transaction, schema, changed, actions);
        int added = actions.size();
        // Stamped once the new files are written: vacuum's retention of the old ones counts from here, not from
        // before a long write.
        long now = options.clock().millis();
        replacedFiles.forEach(file -> actions.add(KernelInternals.removeAction(file, now)));
        transaction.addDomainMetadata(GroupLayout.DOMAIN, layout.toJson());
        return commit(transaction, actions, rows, added, replacedFiles.size(), Optional.of(previous), commitId);
    }

    /** Writes each group into its own directory; answers the rows written, each group checked against its count. */
    private long writeGroups(Transaction transaction, TableSchema schema, List<RowGroup> groups, List<Row> actions) {
        long rows = 0;
        for (RowGroup group : groups) {
            Written written = writeFiles(transaction, schema, group.opener().get(), group.directory());
            if (written.rows() != group.rows()) {
                throw new GoldTableException("Wrote " + written.rows() + " rows of group " + group.name() + " to "
                        + location + " but the source declared " + group.rows() + "; nothing was committed");
            }
            actions.addAll(written.actions());
            rows += written.rows();
        }
        return rows;
    }

    private record Written(List<Row> actions, long rows) {
    }

    /** Streams rows into new data files (under {@code subdirectory} of the table root when given). */
    private Written writeFiles(Transaction transaction, TableSchema schema, Iterator<Object[]> rows,
            String subdirectory) {
        // 1. The transaction state tells the writer where and how data files go.
        Row state = transaction.getTransactionState(engine);
        DataWriteContext writeContext = Transaction.getWriteContext(engine, state, Map.of());
        // Kernel names the target directory as an encoded URI (a space is %20) but takes a written file's path as
        // decoded text: handed on as it is, a table under "ware house" got its files under "ware%20house".
        String target = TableLocation.canonical(writeContext.getTargetDirectory());
        String directory = subdirectory == null ? target : target + "/" + subdirectory;
        List<Row> actions = new ArrayList<>();
        try (RowBatches batches = new RowBatches(schema, rows, options.rowsPerBatch())) {
            // 2. Logical rows become physical ones (no partitions or column mapping here, but Kernel decides).
            CloseableIterator<FilteredColumnarBatch> physical =
                    Transaction.transformLogicalData(engine, state, batches, Map.of());
            // 3. Parquet files are written as the batches stream through, rolling at the target size.
            CloseableIterator<DataFileStatus> files = engine.getParquetHandler()
                    .writeParquetFiles(directory, physical, statisticsColumns(schema, writeContext));
            // 4. Each written file becomes an "add" action; draining the iterator finishes all writing.
            try (CloseableIterator<Row> appends = Transaction.generateAppendActions(engine, state, files, writeContext)) {
                appends.forEachRemaining(actions::add);
            }
            return new Written(actions, batches.rowCount());
        } catch (IOException e) {
            throw new GoldTableException("Writing data files of " + location + " failed: " + e.getMessage(), e);
        } catch (KernelException e) {
            throw new GoldTableException("Writing " + location + " failed: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw storageFailure(e);
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

    private OverwriteResult commit(Transaction transaction, List<Row> actions, long rows, int added, int removed,
            Optional<Snapshot> previous, String commitId) {
        long expected = previous.map(snapshot -> snapshot.getVersion() + 1).orElse(0L);
        TransactionCommitResult result;
        try {
            result = transaction.commit(engine, CloseableIterable.inMemoryIterable(InMemoryIterators.of(actions.iterator())));
        } catch (ConcurrentWriteException e) {
            throw new ConcurrentCommitException("Another writer committed to " + location + " after version "
                    + previous.map(Snapshot::getVersion).map(String::valueOf).orElse("(none)")
                    + "; this write was not committed", e);
        } catch (KernelException | UncheckedIOException e) {
            Optional<Snapshot> landed = landedAnyway(expected, commitId, e);
            if (landed.isPresent()) {
                // The store took the commit but its answer was lost (a retried PUT finds its own object, say).
                return upkept(null, landed.get(), rows, added, removed);
            }
            if (lostARace(e)) {
                throw new ConcurrentCommitException("Another writer committed to " + location
                        + " first; this write was not committed", e);
            }
            if (e instanceof UncheckedIOException io) {
                throw storageFailure(io);
            }
            throw new GoldTableException("Committing " + location + " failed: " + e.getMessage(), e);
        }
        return upkept(result, result.getPostCommitSnapshot().or(this::latestSnapshot).orElse(null), rows, added,
                removed);
    }

    /**
     * Upkeep after the commit: checkpoints (with log cleanup) as Kernel asks, then unreferenced data files. A commit
     * whose answer was lost has no hooks to run; the next commit's upkeep does what this one would have.
     */
    private OverwriteResult upkept(TransactionCommitResult result, Snapshot committed, long rows, int added,
            int removed) {
        TableUpkeep.Result upkeep = result == null
                ? new TableUpkeep.Result(false, Sweep.NOTHING, List.of())
                : this.upkeep.afterCommit(result, Optional.ofNullable(committed));
        return new OverwriteResult(committed.getVersion(), rows, added, removed, upkeep.checkpointed(),
                upkeep.sweep(), upkeep.failures());
    }

    /**
     * The version this write meant to create, when it exists and carries this write's commit id: a failure reported
     * by the store after the commit file landed must not be taken for "not committed" (the caller would retry or
     * report a loss for a commit that readers already see).
     */
    private Optional<Snapshot> landedAnyway(long expected, String commitId, RuntimeException failure) {
        try {
            Snapshot version = TableManager.loadSnapshot(location).atVersion(expected).build(engine);
            return commitId.equals(version.getTableProperties().get(COMMIT_ID)) ? Optional.of(version)
                    : Optional.empty();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            return Optional.empty();
        }
    }

    /**
     * Writes and removes a small file under the table's location ({@code _health/}, which readers and vacuum
     * ignore); fails with {@link GoldTableException} saying why when the store does not let this job write there.
     */
    public void probeWritable() {
        String probe = location + "/_health/probe-" + ProcessHandle.current().pid();
        try {
            storage.newOutputFile(probe).writeAtomically(InMemoryIterators.of(List.of("probe").iterator()), true);
            storage.delete(probe);
        } catch (IOException | UncheckedIOException e) {
            throw new GoldTableException("Cannot write under " + location + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes data files that no version inside the retention window needs; answers how many went, or fails with
     * {@link GoldTableException} saying why nothing was deleted.
     */
    public int vacuum() {
        Sweep sweep = sweep();
        return sweep.vacuumed() + sweep.purged();
    }

    /**
     * Vacuum and, on a table with a purge delay, the purge of what is due, without a commit: what a scheduled sweep
     * or a run that found nothing to write calls, so that a purge cut short or not yet due is finished in time.
     */
    public Sweep sweep() {
        return upkeep.vacuum(latestSnapshot());
    }

    private Transaction begin(TableSchema schema, Optional<Snapshot> previous, Lineage lineage,
            Optional<GroupLayout> layout, String commitId) {
        // A replace writes new metadata: properties this writer does not own (another engine's, an operator's
        // delta.enableExpiredLogCleanup) are carried over, as Spark's mode("overwrite") keeps them.
        Map<String, String> properties = new LinkedHashMap<>(previous.map(GoldTable::foreignProperties).orElse(Map.of()));
        properties.put("delta.checkpointInterval", Integer.toString(options.checkpointInterval()));
        properties.put("delta.logRetentionDuration", interval(options.logRetention()));
        properties.put("delta.deletedFileRetentionDuration", interval(options.fileRetention()));
        properties.putAll(lineage.toProperties(options.clock().instant().toString()));
        properties.put(COMMIT_ID, commitId);
        schema.statisticsProperty().ifPresent(columns -> properties.put(TableSchema.STATISTICS_PROPERTY, columns));
        if (layout.isPresent()) {
            // The group layout is domain metadata, a writer-only table feature: readers need nothing new.
            properties.put("delta.feature.domainMetadata", "supported");
        }
        String engineInfo = engineInfo(lineage);
        // No automatic retry: a concurrent writer must make this one fail, never interleave with it.
        if (previous.isEmpty()) {
            try {
                return TableManager.buildCreateTableTransaction(location, schema.toStructType(), engineInfo)
                        .withTableProperties(properties).withMaxRetries(0).build(engine);
            } catch (TableAlreadyExistsException e) {
                throw new ConcurrentCommitException("Another writer created " + location
                        + " first; this overwrite was not committed", e);
            }
        }
        return KernelInternals.replaceTable(previous.get(), schema.toStructType(), engineInfo)
                .withTableProperties(properties).withMaxRetries(0).build(engine);
    }

    /** The previous version's properties that this writer does not set itself (its lineage and commit id it does). */
    private static Map<String, String> foreignProperties(Snapshot previous) {
        Map<String, String> kept = new LinkedHashMap<>();
        previous.getTableProperties().forEach((key, value) -> {
            if (!key.startsWith(Lineage.PREFIX) && !key.startsWith("delta.feature.") && !key.equals(COMMIT_ID)
                    && !key.equals(TableSchema.STATISTICS_PROPERTY)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    private static String engineInfo(Lineage lineage) {
        return lineage.job() + "/" + lineage.jobVersion();
    }

    /**
     * Kernel reports a lost commit race as a conflict, as an existing table, or (its retries set to none) as the
     * retry limit reached; a put-if-absent publish that finds the commit file taken says so with
     * FileAlreadyExistsException.
     */
    static boolean lostARace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrentWriteException || t instanceof ConcurrentTransactionException
                    || t instanceof TableAlreadyExistsException || t instanceof MaxCommitRetryLimitReachedException
                    || t instanceof java.nio.file.FileAlreadyExistsException) {
                return true;
            }
        }
        return false;
    }

    Optional<Snapshot> latestSnapshot() {
        try {
            return Optional.of(TableManager.loadSnapshot(location).build(engine));
        } catch (TableNotFoundException e) {
            return Optional.empty();
        } catch (UncheckedIOException | KernelException e) {
            throw storageFailure(e);
        }
    }

    /**
     * Kernel wraps what the store said in layers of its own ("Failed to list the files in delta log"): the
     * innermost I/O failure is the one line that names the object and the reason.
     */
    private GoldTableException storageFailure(RuntimeException e) {
        IOException cause = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io) {
                cause = io;
            }
        }
        return new GoldTableException(cause == null ? location + ": " + e.getMessage() : cause.getMessage(), e);
    }

    private TableVersion describe(Snapshot snapshot) {
        return new TableVersion(snapshot.getVersion(), snapshot.getTimestamp(engine), snapshot.getTableProperties(),
                snapshot.getDomainMetadata(GroupLayout.DOMAIN).flatMap(GroupLayout::fromJson));
    }

    /** Delta's interval syntax, as Spark writes it. */
    private static String interval(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return "interval " + seconds / 86_400 + " days";
        }
        if (duration.toMillis() % 1000 == 0) {
            return "interval " + seconds + " seconds";
        }
        return "interval " + duration.toMillis() + " milliseconds";
    }

    /** The one form of a location ({@link TableLocation#canonical}): what the table writes, lists and compares. */
    public static String qualifiedLocation(String location) {
        return TableLocation.canonical(location);
    }
}

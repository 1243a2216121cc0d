package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.delta.objectstore.S3Storage;
import io.delta.kernel.Operation;
import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.ConcurrentTransactionException;
import io.delta.kernel.exceptions.ConcurrentWriteException;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.MaxCommitRetryLimitReachedException;
import io.delta.kernel.exceptions.TableAlreadyExistsException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.utils.CloseableIterable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
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

    private final String location;
    private final GoldTableOptions options;
    private final TableStorage storage;
    private final Engine engine;
    private final TableUpkeep upkeep;
    private final DataFileWriter files;

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
        this.files = new DataFileWriter(engine, this.location, options);
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
        DataFileWriter.Written written = files.write(transaction, schema, rows, null);
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
        long rows = files.writeGroups(transaction, schema, groups, actions);
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
        return GroupedFiles.shared(snapshotAt(basedOn), groupColumn, engine, location);
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
        List<Row> replacedFiles = GroupedFiles.holding(previous, replaced, groupColumn, engine, location);

        String commitId = UUID.randomUUID().toString();
        Transaction transaction = previous.buildUpdateTableTransaction(engineInfo(lineage), Operation.WRITE)
                .withTablePropertiesAdded(TableProperties.forUpdate(lineage, options, commitId)).withMaxRetries(0)
                .build(engine);
        List<Row> actions = new ArrayList<>();
        long rows = files.writeGroups(transaction, schema, changed, actions);
        int added = actions.size();
        // Stamped once the new files are written: vacuum's retention of the old ones counts from here, not from
        // before a long write.
        long now = options.clock().millis();
        replacedFiles.forEach(file -> actions.add(KernelInternals.removeAction(file, now)));
        transaction.addDomainMetadata(GroupLayout.DOMAIN, layout.toJson());
        return commit(transaction, actions, rows, added, replacedFiles.size(), Optional.of(previous), commitId);
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
                throw GoldTableException.fromStorage(location, io);
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
            return commitId.equals(version.getTableProperties().get(TableProperties.COMMIT_ID)) ? Optional.of(version)
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
        Map<String, String> properties = TableProperties.forWrite(previous, schema, lineage, options, commitId,
                layout.isPresent());
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
            throw GoldTableException.fromStorage(location, e);
        }
    }

    private TableVersion describe(Snapshot snapshot) {
        return new TableVersion(snapshot.getVersion(), snapshot.getTimestamp(engine), snapshot.getTableProperties(),
                snapshot.getDomainMetadata(GroupLayout.DOMAIN).flatMap(GroupLayout::fromJson));
    }

    /** The one form of a location ({@link TableLocation#canonical}): what the table writes, lists and compares. */
    public static String qualifiedLocation(String location) {
        return TableLocation.canonical(location);
    }
}

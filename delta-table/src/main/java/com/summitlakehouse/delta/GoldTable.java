package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Settings;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Transaction;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

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

    private final String location;
    private final GoldTableOptions options;
    private final CountingStorage storage;
    private final Engine engine;
    private final TableUpkeep upkeep;
    private final KnownTable known;
    private final TableCommit commits;
    private final DataFileWriter files;
    private final TableTransactions transactions;

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
        this.storage = new CountingStorage(throughStorage.apply(TableStorage.open(this.location, options, s3)));
        this.engine = new CheckpointSafeEngine(storage);
        this.upkeep = new TableUpkeep(this.location, options, storage, engine);
        this.known = new KnownTable(this.location, storage, engine, upkeep);
        this.commits = new TableCommit(this.location, options, engine, upkeep, known);
        this.files = new DataFileWriter(engine, storage, this.location, options);
        this.transactions = new TableTransactions(this.location, options, engine);
    }

    public String location() {
        return location;
    }

    /** Where the table's files are; readers of the table use it too. */
    TableStorage storage() {
        return storage;
    }

    /** Every request this table made of its store so far; a run's share is the difference (see {@link StoreRequests#minus}). */
    public StoreRequests storeRequests() {
        return storage.counted();
    }

    /**
     * The latest version, or empty when no table exists at the location yet. After the first call, one listing of
     * the log from the next version tells whether another writer committed since.
     */
    public Optional<TableVersion> current() {
        return known.now().map(TableState::version);
    }

    /**
     * Replaces the table's contents with {@code rows} (values in schema order; an {@link AutoCloseable} iterator is
     * closed at the end) as one new version, creating the table if needed. {@code lineage.rows()} must equal the
     * number of rows the iterator yields; otherwise nothing is committed.
     */
    public OverwriteResult overwrite(TableSchema schema, Iterator<Object[]> rows, Lineage lineage) {
        return write(schema, rows, lineage, known.now());
    }

    /**
     * As {@link #overwrite(TableSchema, Iterator, Lineage)}, on top of exactly the version a caller looked at before
     * deciding to write ({@code basedOn}; empty: no table existed). If another writer committed since, nothing is
     * committed and {@link ConcurrentCommitException} says so: a decision taken on an older version never lands.
     */
    public OverwriteResult overwrite(TableSchema schema, Iterator<Object[]> rows, Lineage lineage,
            Optional<TableVersion> basedOn) {
        return write(schema, rows, lineage, basedOn.map(this::stateAt));
    }

    /**
     * The state of version {@code seen}: the one kept here when it is that version (without looking again: a commit
     * on top of it fails if another writer committed since), else loaded from the log.
     */
    private TableState stateAt(TableVersion seen) {
        Optional<TableState> kept = known.kept().filter(state -> state.number() == seen.version());
        if (kept.isPresent()) {
            return kept.get();
        }
        Snapshot snapshot = known.snapshotAt(seen.version());
        return new TableState(snapshot, seen, GroupedFiles.scan(snapshot, engine, location), Optional.empty());
    }

    private OverwriteResult write(TableSchema schema, Iterator<Object[]> rows, Lineage lineage,
            Optional<TableState> previous) {
        return replaceWhole(schema, previous, lineage, Optional.empty(), (transaction, actions) -> {
            DataFileWriter.Written written = files.write(transaction, schema, rows);
            actions.addAll(written.actions());
            return written.rows();
        });
    }

    /**
     * One commit that replaces the whole table: removes of every old file, adds of the new ones that {@code writer}
     * writes (answering how many rows), the new metadata and layout. All or nothing.
     */
    private OverwriteResult replaceWhole(TableSchema schema, Optional<TableState> previous, Lineage lineage,
            Optional<GroupLayout> layout, BiFunction<Transaction, List<Row>, Long> writer) {
        storage.verifyAtomicCommits(location);
        String commitId = UUID.randomUUID().toString();
        Transaction transaction = transactions.replacing(schema, previous, lineage, layout, commitId);
        List<Row> actions = new ArrayList<>();
        long rows = writer.apply(transaction, actions);
        if (rows != lineage.rows()) {
            throw new GoldTableException("Wrote " + rows + " rows to " + location + " but the source declared "
                    + lineage.rows() + "; nothing was committed");
        }
        if (layout.isPresent()) {
            transaction.addDomainMetadata(GroupLayout.DOMAIN, layout.get().toJson());
        } else if (previous.flatMap(state -> state.version().groups()).isPresent()) {
            // Its files are no longer grouped: a layout left behind would describe files that are gone.
            transaction.removeDomainMetadata(GroupLayout.DOMAIN);
        }
        return commits.commit(transaction, actions, rows,
                previous.map(state -> List.copyOf(state.files().all())).orElse(List.of()), previous, commitId, layout);
    }

    /**
     * Replaces the whole table with {@code groups}, each group's rows in data files of their own, and records
     * {@code layout} with the version, so that a later {@link #replaceGroups} can rewrite single groups. As
     * {@link #overwrite(TableSchema, Iterator, Lineage, Optional)} otherwise: on top of exactly {@code basedOn}.
     */
    public OverwriteResult overwrite(TableSchema schema, List<RowGroup> groups, GroupLayout layout, Lineage lineage,
            Optional<TableVersion> basedOn) {
        return replaceWhole(schema, basedOn.map(this::stateAt), lineage, Optional.of(layout),
                (transaction, actions) -> files.writeGroups(transaction, schema, groups, actions));
    }

    /**
     * The newest commit since {@code job}'s own last one in which another writer changed rows (a DELETE, UPDATE,
     * MERGE or RESTORE; OPTIMIZE, ZORDER BY and VACUUM change none), in a few words; empty when there is none. After
     * such a commit, what {@code job} recorded about the table's contents no longer holds. Answered from what this
     * process knows when its own commit made {@code basedOn}; from the log otherwise.
     */
    public Optional<String> rowsChangedByOthers(TableVersion basedOn, String job) {
        Optional<Optional<String>> knownHere = known.kept().filter(state -> state.number() == basedOn.version())
                .flatMap(TableState::foreignChange);
        if (knownHere.isPresent()) {
            return knownHere.get();
        }
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
        return stateAt(basedOn).files().shared(groupColumn);
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
        TableState previous = stateAt(basedOn);
        Snapshot snapshot = previous.snapshot();
        if (!snapshot.getSchema().equals(schema.toStructType()) || !schema.statisticsProperty()
                .equals(Optional.ofNullable(snapshot.getTableProperties().get(TableSchema.STATISTICS_PROPERTY)))) {
            throw new GoldTableException("The schema of " + location + " (or its statistics columns) differs from "
                    + "the rows'; rewriting single groups needs the same (overwrite the whole table instead)");
        }
        Set<String> replaced = new HashSet<>(gone);
        changed.forEach(group -> replaced.add(group.name()));
        List<TrackedFile> replacedFiles = previous.files().holding(replaced, groupColumn, location);

        String commitId = UUID.randomUUID().toString();
        Transaction transaction = transactions.updating(snapshot, lineage, commitId);
        List<Row> actions = new ArrayList<>();
        long rows = files.writeGroups(transaction, schema, changed, actions);
        // Stamped once the new files are written: vacuum's retention of the old ones counts from here, not from
        // before a long write.
        long now = options.clock().millis();
        replacedFiles.forEach(file -> actions.add(KernelInternals.removeAction(file, now)));
        transaction.addDomainMetadata(GroupLayout.DOMAIN, layout.toJson());
        return commits.commit(transaction, actions, rows, replacedFiles, Optional.of(previous), commitId,
                Optional.of(layout));
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
     * The full vacuum (a listing of the whole table) and the purge of what is due, without a commit, whenever it
     * last ran: what an operator or a one-shot job calls.
     */
    public Sweep sweep() {
        Optional<TableState> state = known.now();
        if (state.isEmpty()) {
            return Sweep.NOTHING;
        }
        return upkeep.due(state.get().snapshot(), commits.inUse(state.get()), true);
    }

    /**
     * What is due without a commit: the purges whose delay has passed and, when its interval has, the full vacuum.
     * What a run that found nothing to write, and a scheduled sweep, call; it touches the store only when something
     * is due (or, the first time, to learn what waits).
     */
    public Sweep upkeepDue() {
        Optional<TableState> state = known.kept();
        if (state.isEmpty()) {
            return Sweep.NOTHING;
        }
        return upkeep.due(state.get().snapshot(), commits.inUse(state.get()));
    }

    /** The one form of a location ({@link TableLocation#canonical}): what the table writes, lists and compares. */
    public static String qualifiedLocation(String location) {
        return TableLocation.canonical(location);
    }
}

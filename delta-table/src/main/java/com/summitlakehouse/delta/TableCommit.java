package com.summitlakehouse.delta;

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
import io.delta.kernel.utils.CloseableIterable;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes one prepared transaction and hands what it made on: the new state to {@link KnownTable} (so the next run
 * starts from it instead of reloading the table), the files it removed to the purge queue, and the commit to
 * {@link TableUpkeep}. A lost race or a failed publish is told apart from a commit that landed although its answer
 * was lost.
 */
final class TableCommit {

    private final String location;
    private final GoldTableOptions options;
    private final Engine engine;
    private final TableUpkeep upkeep;
    private final KnownTable known;

    TableCommit(String location, GoldTableOptions options, Engine engine, TableUpkeep upkeep, KnownTable known) {
        this.location = location;
        this.options = options;
        this.engine = engine;
        this.upkeep = upkeep;
        this.known = known;
    }

    /**
     * @param removed the data files the commit removes (every file of {@code previous} for a whole overwrite)
     * @param layout  the group layout the transaction records; empty for an ungrouped table
     */
    OverwriteResult commit(Transaction transaction, List<Row> actions, long rows, List<TrackedFile> removed,
            Optional<TableState> previous, String commitId, Optional<GroupLayout> layout) {
        long expected = previous.map(state -> state.number() + 1).orElse(0L);
        if (layout.isPresent() || upkeep.purges().isPresent()) {
            transaction.addDomainMetadata(PurgeQueue.DOMAIN, new KnownTable.UpkeepRecord(
                    upkeep.purges().map(PurgeQueue::purgedThrough).orElse(-1L), upkeep.vacuumedAt()).toJson());
        }
        TransactionCommitResult result;
        try {
            result = transaction.commit(engine, CloseableIterable.inMemoryIterable(
                    InMemoryIterators.of(actions.iterator())));
        } catch (ConcurrentWriteException e) {
            throw new ConcurrentCommitException("Another writer committed to " + location + " after version "
                    + previous.map(state -> String.valueOf(state.number())).orElse("(none)")
                    + "; this write was not committed", e);
        } catch (KernelException | UncheckedIOException e) {
            Optional<Snapshot> landed = landedAnyway(expected, commitId, e);
            if (landed.isPresent()) {
                // The store took the commit but its answer was lost (a retried PUT finds its own object, say). Its
                // hooks never ran; the next commit's upkeep does what this one would have, and the next look
                // loads the table afresh.
                upkeep.purges().ifPresent(queue -> queue.add(expected, options.clock().millis(), paths(removed)));
                known.forget();
                return new OverwriteResult(expected, rows, added(actions).size(), removed.size(), false,
                        Sweep.NOTHING, List.of());
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
        return committed(result, actions, rows, removed, previous, layout);
    }

    private OverwriteResult committed(TransactionCommitResult result, List<Row> actions, long rows,
            List<TrackedFile> removed, Optional<TableState> previous, Optional<GroupLayout> layout) {
        long committedAt = options.clock().millis();
        List<TrackedFile> added = added(actions);
        upkeep.purges().ifPresent(queue -> queue.add(result.getVersion(), committedAt, paths(removed)));
        Optional<Snapshot> snapshot = result.getPostCommitSnapshot();
        if (snapshot.isEmpty()) {
            known.forget();
            return new OverwriteResult(result.getVersion(), rows, added.size(), removed.size(), false, Sweep.NOTHING,
                    List.of());
        }
        GroupedFiles files = previous.map(state -> state.files().after(
                removed.stream().map(TrackedFile::path).toList(), added))
                .orElseGet(() -> GroupedFiles.scan(snapshot.get(), engine, location));
        TableState state = new TableState(snapshot.get(), new TableVersion(result.getVersion(), committedAt,
                snapshot.get().getTableProperties(), layout), files, Optional.of(Optional.empty()));
        known.committed(state);
        TableUpkeep.Result upkept = upkeep.afterCommit(result, snapshot.get(), inUse(state));
        if (upkept.checkpointed()) {
            // The snapshot a commit returns extends the one before it, commit by commit, back to the checkpoint the
            // process started from; log cleanup may just have deleted those commits. Loaded again, it starts at the
            // checkpoint just written.
            known.committed(new TableState(known.snapshotAt(result.getVersion()), state.version(), files,
                    state.foreignChange()));
        }
        return new OverwriteResult(result.getVersion(), rows, added.size(), removed.size(), upkept.checkpointed(),
                upkept.sweep(), upkept.failures());
    }

    /** What a retained version may still read: the state's files, and removals waiting for their purge. */
    TableUpkeep.InUse inUse(TableState state) {
        return new TableUpkeep.InUse(state.filesInUse(location),
                upkeep.purges().map(PurgeQueue::waitingFiles).orElse(Set.of()));
    }

    private static List<TrackedFile> added(List<Row> actions) {
        return actions.stream().map(KernelInternals::trackedAdd).flatMap(Optional::stream).toList();
    }

    private List<String> paths(List<TrackedFile> files) {
        Set<String> paths = new HashSet<>();
        files.forEach(file -> TableLocation.loggedRelative(location, file.path())
                .ifPresent(relative -> paths.add(location + "/" + relative)));
        return List.copyOf(paths);
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
}

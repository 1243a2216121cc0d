package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * What a table needs after a commit, so that neither its log nor its data files grow without end, at a cost that
 * follows the commit and not the table's age: the checkpoints Kernel asks for, the log files a checkpoint makes
 * unnecessary ({@link LogCleanup}), the purge of removed files that fell due ({@link PurgeQueue}, from the list the
 * commits made, never from a rescan), and, at most every {@link GoldTableOptions#vacuumEvery}, the full vacuum that
 * lists the table for orphans and staging leftovers ({@link DataFileVacuum}). The table's own settings win where
 * they ask for more care (see {@link LogCleanup}, {@link DataFileVacuum}). Upkeep never fails or undoes the commit
 * before it: what fails is logged, reported in the result, and tried again after the next one.
 */
final class TableUpkeep {

    private static final Logger LOG = Logger.getLogger(TableUpkeep.class);

    private final String location;
    private final GoldTableOptions options;
    private final TableStorage storage;
    private final Engine engine;
    private final LogCleanup logCleanup;
    private final Optional<PurgeQueue> purges;
    /** When the last full vacuum ran (epoch millis), as this process or the table's last commit knows; 0: never. */
    private volatile long vacuumedAt;

    TableUpkeep(String location, GoldTableOptions options, TableStorage storage, Engine engine) {
        this.location = location;
        this.options = options;
        this.storage = storage;
        this.engine = engine;
        this.logCleanup = new LogCleanup(location, options, storage, engine);
        this.purges = options.purgeWithin().map(PurgeQueue::new);
    }

    Optional<PurgeQueue> purges() {
        return purges;
    }

    long vacuumedAt() {
        return vacuumedAt;
    }

    /** What a cold start found recorded on the table. */
    void vacuumedAt(long at) {
        vacuumedAt = Math.max(vacuumedAt, at);
    }

    /** The files a retained version may still read: the latest version's, and removals waiting for their purge. */
    record InUse(Set<String> latest, Set<String> waiting) {
    }

    /** After a commit: hooks (checkpoints), log cleanup when a checkpoint was written, then what is due. */
    Result afterCommit(TransactionCommitResult commit, Snapshot latest, InUse inUse) {
        List<String> failures = new ArrayList<>();
        boolean checkpointed = runPostCommitHooks(commit, failures);
        if (checkpointed) {
            removeExpiredLogs(latest, failures);
        }
        Sweep sweep = Sweep.NOTHING;
        try {
            sweep = due(latest, inUse);
        } catch (UpkeepFailure e) {
            failures.add(e.getMessage());
        }
        return new Result(checkpointed, sweep, failures);
    }

    /** {@code failures}: one line for each upkeep step that did not happen, empty when all did. */
    record Result(boolean checkpointed, Sweep sweep, List<String> failures) {
    }

    /**
     * The purges that fell due, from the queue; and the full vacuum when its interval has passed. Touches the store
     * only for what is due.
     */
    Sweep due(Snapshot latest, InUse inUse) {
        return due(latest, inUse, false);
    }

    /** As {@link #due(Snapshot, InUse)}; {@code vacuumNow}: the full vacuum runs whenever it last ran. */
    Sweep due(Snapshot latest, InUse inUse, boolean vacuumNow) {
        long now = options.clock().millis();
        int purged = 0;
        if (purges.isPresent()) {
            try {
                purged = purges.get().purgeDue(now, inUse.latest(), storage);
            } catch (IOException | RuntimeException e) {
                throw failure("purge skipped", e);
            }
            if (purged > 0) {
                LOG.infof("Upkeep of %s purged %d files that removed rows were in", location, purged);
            }
        }
        Sweep vacuumed = vacuumNow || now - vacuumedAt >= options.vacuumEvery().toMillis()
                ? vacuum(latest, Optional.of(inUse)) : Sweep.NOTHING;
        return new Sweep(vacuumed.vacuumed(), purged + vacuumed.purged(),
                purges.flatMap(PurgeQueue::nextDue).or(vacuumed::nextPurgeDue));
    }

    /**
     * The full vacuum: deletes the files no retained version needs (a listing of the whole table). With {@code inUse}
     * known, no commit is read; without it (a table met cold with no record of its purges), the commits of the
     * retention window say what is kept and what is due, as before any queue existed.
     */
    Sweep vacuum(Snapshot latest, Optional<InUse> inUse) {
        try {
            Optional<Set<String>> known = inUse.filter(any -> purges.isPresent()).map(this::relative);
            Sweep sweep = new DataFileVacuum(storage, location, options, purges.orElse(null)).run(latest, engine, known);
            vacuumedAt = options.clock().millis();
            return sweep;
        } catch (IOException | RuntimeException e) {
            throw failure("vacuum skipped", e);
        }
    }

    private Set<String> relative(InUse inUse) {
        Set<String> relative = new HashSet<>();
        for (Set<String> paths : List.of(inUse.latest(), inUse.waiting())) {
            paths.forEach(path -> TableLocation.listedRelative(location, path).ifPresent(relative::add));
        }
        return relative;
    }

    private UpkeepFailure failure(String what, Exception e) {
        String line = what + ": " + e.getMessage();
        LOG.warnf("Upkeep of %s: %s", location, line);
        return new UpkeepFailure(line);
    }

    /** An upkeep step that did not happen, in one line; the commit before it stands. */
    static final class UpkeepFailure extends GoldTableException {
        UpkeepFailure(String message) {
            super(message, null);
        }
    }

    private boolean runPostCommitHooks(TransactionCommitResult result, List<String> failures) {
        boolean checkpointed = false;
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
                checkpointed |= hook.getType() == PostCommitHook.PostCommitHookType.CHECKPOINT;
            } catch (IOException | RuntimeException e) {
                // The commit stands; the next one tries again.
                String line = hook.getType().name().toLowerCase() + " of version " + result.getVersion()
                        + " failed: " + e.getMessage();
                LOG.warnf("Upkeep of %s: %s", location, line);
                failures.add(line);
            }
        }
        return checkpointed;
    }

    private void removeExpiredLogs(Snapshot latest, List<String> failures) {
        try {
            long removed = logCleanup.run(latest);
            if (removed > 0) {
                LOG.debugf("Upkeep of %s removed %d expired log files", location, removed);
            }
        } catch (IOException | RuntimeException e) {
            String line = "log cleanup skipped: " + e.getMessage();
            LOG.warnf("Upkeep of %s: %s", location, line);
            failures.add(line);
        }
    }
}

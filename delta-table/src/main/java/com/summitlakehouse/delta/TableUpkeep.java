package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a table needs after a commit, so that its log and its data files do not grow without end: the checkpoints
 * Kernel asks for, commit files past the log retention once a checkpoint covers them, and data files that no version
 * inside the file retention needs. The table's own settings win where they ask for more care: log cleanup stays off
 * where the table turned it off ({@code delta.enableExpiredLogCleanup=false}) or protects its checkpoints
 * ({@code checkpointProtection}), and each retention is the longer of the table's and this job's. Upkeep never fails
 * or undoes the commit before it: what fails is logged, reported in the result, and tried again after the next one.
 */
final class TableUpkeep {

    private static final Logger LOG = Logger.getLogger(TableUpkeep.class);

    private final String location;
    private final GoldTableOptions options;
    private final TableStorage storage;
    private final Engine engine;

    TableUpkeep(String location, GoldTableOptions options, TableStorage storage, Engine engine) {
        this.location = location;
        this.options = options;
        this.storage = storage;
        this.engine = engine;
    }

    /** After a commit: hooks (checkpoints), log cleanup when a checkpoint was written, then vacuum. */
    Result afterCommit(TransactionCommitResult commit, Optional<Snapshot> latest) {
        List<String> failures = new ArrayList<>();
        boolean checkpointed = runPostCommitHooks(commit, failures);
        if (checkpointed && latest.isPresent()) {
            removeExpiredLogs(latest.get(), failures);
        }
        Sweep sweep = Sweep.NOTHING;
        try {
            sweep = vacuum(latest);
        } catch (UpkeepFailure e) {
            failures.add(e.getMessage());
        }
        return new Result(checkpointed, sweep, failures);
    }

    /** {@code failures}: one line for each upkeep step that did not happen, empty when all did. */
    record Result(boolean checkpointed, Sweep sweep, List<String> failures) {
    }

    /** Deletes data files that no version inside the retention window needs, and purges what is due. */
    Sweep vacuum(Optional<Snapshot> latest) {
        try {
            return new DataFileVacuum(storage, location, options).run(latest.orElse(null), engine);
        } catch (IOException | RuntimeException e) {
            String line = "vacuum skipped: " + e.getMessage();
            LOG.warnf("Upkeep of %s: %s", location, line);
            throw new UpkeepFailure(line);
        }
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
            if (!KernelInternals.expiredLogCleanupAllowed(latest)) {
                LOG.debugf("Log cleanup of %s is off by the table's own settings", location);
                return;
            }
            long retention = Math.max(options.logRetention().toMillis(), KernelInternals.logRetentionMillis(latest));
            long removed = KernelInternals.cleanupExpiredLogs(engine, options.clock(), location, retention);
            if (removed > 0) {
                LOG.infof("Upkeep of %s removed %d expired log files", location, removed);
            }
        } catch (IOException | RuntimeException e) {
            String line = "log cleanup skipped: " + e.getMessage();
            LOG.warnf("Upkeep of %s: %s", location, line);
            failures.add(line);
        }
    }
}

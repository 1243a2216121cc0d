package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.hook.PostCommitHook;
import java.io.IOException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a table needs after a commit, so that its log and its data files do not grow without end: the checkpoints
 * Kernel asks for, commit files past {@code logRetention} once a checkpoint covers them, and data files that no
 * version inside {@code fileRetention} needs. Upkeep never fails a commit: what fails is logged and tried again
 * after the next one.
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
        boolean checkpointed = runPostCommitHooks(commit);
        if (checkpointed) {
            removeExpiredLogs();
        }
        return new Result(checkpointed, vacuum(latest));
    }

    record Result(boolean checkpointed, int filesVacuumed) {
    }

    /** Deletes data files that no version inside the retention window needs; answers how many went. */
    int vacuum(Optional<Snapshot> latest) {
        try {
            return new DataFileVacuum(storage, location, options).run(latest.orElse(null), engine);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Upkeep of %s skipped: %s", location, e.getMessage());
            return 0;
        }
    }

    private boolean runPostCommitHooks(TransactionCommitResult result) {
        boolean checkpointed = false;
        for (PostCommitHook hook : result.getPostCommitHooks()) {
            try {
                hook.threadSafeInvoke(engine);
                checkpointed |= hook.getType() == PostCommitHook.PostCommitHookType.CHECKPOINT;
            } catch (IOException | RuntimeException e) {
                // The commit stands; the next one tries again.
                LOG.warnf("%s of %s version %d failed: %s", hook.getType(), location, result.getVersion(),
                        e.getMessage());
            }
        }
        return checkpointed;
    }

    private void removeExpiredLogs() {
        try {
            long removed = KernelInternals.cleanupExpiredLogs(engine, options.clock(), location,
                    options.logRetention().toMillis());
            if (removed > 0) {
                LOG.infof("Upkeep of %s removed %d expired log files", location, removed);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Log cleanup of %s skipped: %s", location, e.getMessage());
        }
    }
}

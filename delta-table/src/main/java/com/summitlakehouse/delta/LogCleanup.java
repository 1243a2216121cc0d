package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes what the log no longer needs once a checkpoint covers it: commits and checkpoints past the log retention
 * (Kernel's own rule), then the per-version files Kernel leaves behind (checksums {@code N.crc}, log compactions
 * {@code N.M.compacted.json}) of every version older than the oldest commit left, so that the log of a table that
 * commits every few seconds stays as small as its retention, whatever the table's age.
 */
final class LogCleanup {

    private final String location;
    private final GoldTableOptions options;
    private final TableStorage storage;
    private final Engine engine;

    LogCleanup(String location, GoldTableOptions options, TableStorage storage, Engine engine) {
        this.location = location;
        this.options = options;
        this.storage = storage;
        this.engine = engine;
    }

    /** Answers how many log files went; nothing when the table's own settings turn log cleanup off. */
    long run(Snapshot latest) throws IOException {
        if (!KernelInternals.expiredLogCleanupAllowed(latest)) {
            return 0;
        }
        long retention = Math.max(options.logRetention().toMillis(), KernelInternals.logRetentionMillis(latest));
        long removed = KernelInternals.cleanupExpiredLogs(engine, options.clock(), location, retention);
        return removed + removeOrphanedVersionFiles();
    }

    /** Checksums and compactions below the oldest commit: the listing stops at that commit. */
    private int removeOrphanedVersionFiles() throws IOException {
        List<String> orphaned = new ArrayList<>();
        try (CloseableIterator<FileStatus> log = storage.listFrom(location + "/_delta_log/0")) {
            while (log.hasNext()) {
                String path = log.next().getPath();
                String name = path.substring(path.lastIndexOf('/') + 1);
                if (name.matches("\\d{20}\\.json")) {
                    break;
                }
                if (name.matches("\\d{20}\\.crc") || name.matches("\\d{20}\\.\\d{20}\\.compacted\\.json")) {
                    orphaned.add(path);
                }
            }
        }
        return orphaned.isEmpty() ? 0 : storage.deleteAll(orphaned);
    }
}

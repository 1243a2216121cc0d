package com.summitlakehouse.delta;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How a gold table is written and kept.
 *
 * @param targetFileSizeBytes data files roll over at about this size
 * @param rowsPerBatch        rows buffered in memory before they go to the Parquet writer
 * @param checkpointInterval  a checkpoint every this many versions (delta.checkpointInterval)
 * @param logRetention        commit files older than this go at the next checkpoint (delta.logRetentionDuration)
 * @param fileRetention       data files that no version younger than this needs are deleted
 *                            (delta.deletedFileRetentionDuration); time travel reaches back this far
 * @param clock               the time upkeep measures retention against
 * @param purgeWithin         when present, data files a commit removed are deleted this long after that commit
 *                            (zero: right after it), whatever {@code fileRetention} says: a table whose removed rows
 *                            must become unreadable in every version (withdrawn content). Time travel then reaches
 *                            back this far only.
 */
public record GoldTableOptions(long targetFileSizeBytes, int rowsPerBatch, int checkpointInterval,
        Duration logRetention, Duration fileRetention, Clock clock, Optional<Duration> purgeWithin) {

    public static GoldTableOptions defaults() {
        return new GoldTableOptions(128L * 1024 * 1024, 4096, 10, Duration.ofDays(30), Duration.ofDays(7),
                Clock.systemUTC());
    }

    public GoldTableOptions(long targetFileSizeBytes, int rowsPerBatch, int checkpointInterval, Duration logRetention,
            Duration fileRetention, Clock clock) {
        this(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention, clock,
                Optional.empty());
    }

    public GoldTableOptions {
        if (targetFileSizeBytes < 1024 || rowsPerBatch < 1 || checkpointInterval < 1) {
            throw new IllegalArgumentException("File size, batch size and checkpoint interval must be positive");
        }
        if (logRetention.compareTo(fileRetention) < 0) {
            // Upkeep learns which files were removed, and when, from the commit files it keeps.
            throw new IllegalArgumentException("Log retention must be at least the file retention");
        }
        if (purgeWithin.filter(Duration::isNegative).isPresent()) {
            throw new IllegalArgumentException("The purge delay must not be negative");
        }
    }

    public GoldTableOptions withPurgeWithin(Duration within) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention,
                clock, Optional.of(within));
    }

    public GoldTableOptions withTargetFileSizeBytes(long bytes) {
        return new GoldTableOptions(bytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention, clock,
                purgeWithin);
    }

    public GoldTableOptions withCheckpointInterval(int interval) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, interval, logRetention, fileRetention, clock,
                purgeWithin);
    }

    public GoldTableOptions withRetention(Duration log, Duration files) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, log, files, clock,
                purgeWithin);
    }

    public GoldTableOptions withClock(Clock newClock) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention,
                newClock, purgeWithin);
    }
}

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
 * @param vacuumEvery         the full vacuum (a listing of the whole table, for orphans and staging leftovers) runs
 *                            at most this often, never after every commit: a table that commits every few seconds
 *                            would otherwise list itself every few seconds
 */
public record GoldTableOptions(long targetFileSizeBytes, int rowsPerBatch, int checkpointInterval,
        Duration logRetention, Duration fileRetention, Clock clock, Optional<Duration> purgeWithin,
        Duration vacuumEvery) {

    public static final Duration DEFAULT_VACUUM_EVERY = Duration.ofHours(1);

    public static GoldTableOptions defaults() {
        return new GoldTableOptions(128L * 1024 * 1024, 4096, 10, Duration.ofDays(30), Duration.ofDays(7),
                Clock.systemUTC());
    }

    public GoldTableOptions(long targetFileSizeBytes, int rowsPerBatch, int checkpointInterval, Duration logRetention,
            Duration fileRetention, Clock clock) {
        this(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention, clock,
                Optional.empty());
    }

    public GoldTableOptions(long targetFileSizeBytes, int rowsPerBatch, int checkpointInterval, Duration logRetention,
            Duration fileRetention, Clock clock, Optional<Duration> purgeWithin) {
        this(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention, clock, purgeWithin,
                DEFAULT_VACUUM_EVERY);
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
        if (vacuumEvery.isNegative()) {
            throw new IllegalArgumentException("The vacuum interval must not be negative");
        }
    }

    public GoldTableOptions withPurgeWithin(Duration within) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention,
                clock, Optional.of(within), vacuumEvery);
    }

    public GoldTableOptions withTargetFileSizeBytes(long bytes) {
        return new GoldTableOptions(bytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention, clock,
                purgeWithin, vacuumEvery);
    }

    public GoldTableOptions withCheckpointInterval(int interval) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, interval, logRetention, fileRetention, clock,
                purgeWithin, vacuumEvery);
    }

    public GoldTableOptions withRetention(Duration log, Duration files) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, log, files, clock,
                purgeWithin, vacuumEvery);
    }

    public GoldTableOptions withClock(Clock newClock) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention,
                newClock, purgeWithin, vacuumEvery);
    }

    public GoldTableOptions withVacuumEvery(Duration every) {
        return new GoldTableOptions(targetFileSizeBytes, rowsPerBatch, checkpointInterval, logRetention, fileRetention,
                clock, purgeWithin, every);
    }
}

package com.summitlakehouse.delta;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files that commits removed and that must leave the store {@code purgeWithin} after their commit, learned from
 * the commits as they are made or met (never from a rescan of the log), and purged from this list when due.
 *
 * <p>Its watermark, the version through which every removal has been purged, goes with each commit as domain
 * metadata ({@value #DOMAIN}, see {@link KnownTable.UpkeepRecord}): a process that starts cold reads only the
 * commits after it.
 */
final class PurgeQueue {

    static final String DOMAIN = "summit.upkeep";

    /** The files one commit removed (absolute paths), and when that commit was made. */
    private record Removal(long committedAt, List<String> paths) {
    }

    private final Duration delay;
    private final TreeMap<Long, Removal> waiting = new TreeMap<>();
    /** The newest version whose removals are known here (purged or waiting); -1: none yet. */
    private long knownThrough = -1;

    PurgeQueue(Duration delay) {
        this.delay = delay;
    }

    /** Version {@code version}'s removals, absolute paths; a commit that removed nothing moves the watermark on. */
    synchronized void add(long version, long committedAt, Collection<String> removed) {
        if (!removed.isEmpty() && version > purgedThrough()) {
            waiting.merge(version, new Removal(committedAt, List.copyOf(removed)), (a, b) -> {
                List<String> both = new ArrayList<>(a.paths());
                both.addAll(b.paths());
                return new Removal(Math.min(a.committedAt(), b.committedAt()), both);
            });
        }
        knownThrough = Math.max(knownThrough, version);
    }

    /** Every removal up to this version is known (a cold start found it purged, or the table is new). */
    synchronized void knownThrough(long version) {
        knownThrough = Math.max(knownThrough, version);
    }

    /** The version through which every removal has been purged. */
    synchronized long purgedThrough() {
        return waiting.isEmpty() ? knownThrough : waiting.firstKey() - 1;
    }

    /** When the oldest waiting removal falls due; empty when nothing waits. */
    synchronized Optional<Instant> nextDue() {
        return waiting.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli(waiting.firstEntry().getValue().committedAt() + delay.toMillis()));
    }

    synchronized int waitingCommits() {
        return waiting.size();
    }

    /** Every file still waiting for its purge (absolute paths): a version inside the delay may read it. */
    synchronized Set<String> waitingFiles() {
        Set<String> files = new java.util.HashSet<>();
        waiting.values().forEach(removal -> files.addAll(removal.paths()));
        return files;
    }

    /**
     * Purges every removal due at {@code now}, oldest commit first, except files the current version references
     * ({@code inUse}, absolute paths: a RESTORE may add a removed file back). A failure leaves the commit waiting,
     * and the ones after it, for the next pass. Answers how many files went.
     */
    synchronized int purgeDue(long now, Set<String> inUse, TableStorage storage) throws IOException {
        int purged = 0;
        while (!waiting.isEmpty()) {
            Map.Entry<Long, Removal> oldest = waiting.firstEntry();
            // A zero delay purges at once even when the store's clock stamped the commit a little ahead of ours.
            if (!delay.isZero() && oldest.getValue().committedAt() + delay.toMillis() > now) {
                break;
            }
            List<String> gone = oldest.getValue().paths().stream().filter(path -> !inUse.contains(path)).toList();
            purged += gone.isEmpty() ? 0 : storage.purgeAll(gone);
            waiting.pollFirstEntry();
        }
        return purged;
    }
}

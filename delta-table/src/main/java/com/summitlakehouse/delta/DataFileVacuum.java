package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Deletes the data files that no retained version needs, as Delta's VACUUM does; Kernel has no such operation.
 *
 * <p>A file is kept when the latest version references it (a data file or its deletion vector), or when a commit
 * written less than the file retention ago removed it (a version inside the time-travel window may still read it).
 * The commit's own time counts, not only the deletion timestamp its writer stamped: a writer that stamped its
 * removes before a long write, or by a clock of its own, cannot shorten the window. The retention is the longer of this job's setting and the table's own
 * {@code delta.deletedFileRetentionDuration}. Anything else in the table directory older than the retention goes,
 * including files of writes that never committed and our own staging leftovers. Files younger than the retention are
 * never touched, so a concurrent writer's not-yet-committed files are safe. Every path, listed or logged, is compared
 * in {@link TableLocation}'s one form; a file it cannot place under the root is kept. A table with a feature this
 * code does not know (one that could reference files another way) is not vacuumed at all.
 *
 * <p>With a purge delay ({@link GoldTableOptions#purgeWithin}), the files a commit removed are deleted once that
 * commit is older than the delay, whatever the file retention: versions that read them stop opening (a missing file,
 * never rows), which is the point for withdrawn content. Because the pass works from the log alone, a purge cut
 * short (a store down, a process killed) is finished by the next pass; and nothing the latest version references
 * is ever purged. With the purge on, every deletion goes through {@link TableStorage#purgeAll}, so that no earlier
 * object version keeps the bytes either.
 */
final class DataFileVacuum {

    /** Features whose files are all data files and deletion vectors named by add and remove actions. */
    static final Set<String> UNDERSTOOD_FEATURES = Set.of("appendOnly", "invariants", "checkConstraints",
            "changeDataFeed", "generatedColumns", "columnMapping", "identityColumns", "deletionVectors",
            "timestampNtz", "domainMetadata", "rowTracking", "typeWidening", "typeWidening-preview",
            "inCommitTimestamp", "vacuumProtocolCheck", "checkpointProtection", "clustering", "v2Checkpoint",
            "variantType", "variantType-preview", "allowColumnDefaults", "icebergCompatV1", "icebergCompatV2",
            "icebergWriterCompatV1");

    private static final Logger LOG = Logger.getLogger(DataFileVacuum.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableStorage storage;
    private final String root;
    private final GoldTableOptions options;

    /** Where the removals of commits read and not yet due go, when a queue keeps them; null: none does. */
    private final PurgeQueue waiting;

    DataFileVacuum(TableStorage storage, String location, GoldTableOptions options, PurgeQueue waiting) {
        this.storage = storage;
        this.root = TableLocation.canonical(location);
        this.options = options;
        this.waiting = waiting;
    }

    Sweep run(Snapshot latest, Engine engine) throws IOException {
        return run(latest, engine, Optional.empty());
    }

    /**
     * As {@link #run(Snapshot, Engine)}; {@code known}, when given, is every file a retained version may still read
     * (relative paths: the latest version's files and the removals still waiting for their purge), as the writer
     * keeps them: then no commit is read, the listing alone decides, and due purges are left to the writer's queue.
     */
    Sweep run(Snapshot latest, Engine engine, Optional<Set<String>> known) throws IOException {
        if (latest == null) {
            return Sweep.NOTHING;
        }
        Set<String> unknown = new TreeSet<>(KernelInternals.tableFeatures(latest));
        unknown.removeAll(UNDERSTOOD_FEATURES);
        if (!unknown.isEmpty()) {
            throw new GoldTableException("Vacuum of " + root + " refused: table feature " + String.join(", ", unknown)
                    + " is not understood here, so no file is deleted (rewrite the table to drop it)");
        }
        long retention = Math.max(options.fileRetention().toMillis(), KernelInternals.deletedFileRetentionMillis(latest));
        long now = options.clock().millis();
        long cutoff = now - retention;
        // One listing of the table serves both: the commits to read and the old files that may go.
        List<FileStatus> commits = new ArrayList<>();
        Map<String, String> oldFiles = new LinkedHashMap<>();
        Map<String, String> dataFiles = new LinkedHashMap<>();
        try (CloseableIterator<FileStatus> files = storage.listRecursively(root)) {
            while (files.hasNext()) {
                FileStatus file = files.next();
                Optional<String> placed = TableLocation.listedRelative(root, file.getPath());
                if (placed.isEmpty()) {
                    continue;
                }
                String relative = placed.get();
                // A commit written before the cutoff removed its files before it too: nothing in it is kept, so
                // only the retention window's commits are read, however long the log grows.
                if (relative.matches("_delta_log/\\d{20}\\.json") && file.getModificationTime() >= cutoff) {
                    commits.add(file);
                } else if (!isMetadata(relative) || isStagingLeftover(relative)) {
                    dataFiles.put(relative, file.getPath());
                    if (file.getModificationTime() < cutoff) {
                        oldFiles.put(relative, file.getPath());
                    }
                }
            }
        }
        Set<String> keep = new HashSet<>();
        Removed removed;
        if (known.isPresent()) {
            keep.addAll(known.get());
            removed = new Removed(Set.of(), Set.of(), Optional.empty());
        } else {
            addLatestFiles(latest, engine, keep);
            removed = removedFiles(commits, now);
            keep.addAll(removed.kept());
        }

        oldFiles.keySet().removeAll(keep);
        List<String> expired = new ArrayList<>(oldFiles.values());
        boolean purging = options.purgeWithin().isPresent();
        int deleted = expired.isEmpty() ? 0 : purging ? storage.purgeAll(expired) : storage.deleteAll(expired);
        if (deleted > 0) {
            LOG.infof("Upkeep of %s removed %d files no retained version needs", root, deleted);
        }
        List<String> due = new ArrayList<>();
        for (String relative : removed.due()) {
            if (!keep.contains(relative) && !oldFiles.containsKey(relative) && dataFiles.containsKey(relative)) {
                due.add(dataFiles.get(relative));
            }
        }
        int purged = due.isEmpty() ? 0 : storage.purgeAll(due);
        if (purged > 0) {
            LOG.infof("Upkeep of %s purged %d files that removed rows were in", root, purged);
        }
        return new Sweep(deleted, purged, removed.nextDue().map(java.time.Instant::ofEpochMilli));
    }

    /**
     * The files the window's commits removed: {@code kept} while a version inside the window may read them,
     * {@code due} when the purge delay since their commit has passed; {@code nextDue}, when the next of the kept ones
     * falls due.
     */
    private record Removed(Set<String> kept, Set<String> due, Optional<Long> nextDue) {
    }

    private void addLatestFiles(Snapshot latest, Engine engine, Set<String> keep) throws IOException {
        try (CloseableIterator<FilteredColumnarBatch> batches = latest.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        keepLogged(KernelInternals.loggedPath(scanFile), keep);
                        KernelInternals.deletionVectorFile(scanFile, root).ifPresent(dv -> keepLogged(dv, keep));
                    }
                }
            }
        }
    }

    /** Every file the commits of the window remove: they were written after the cutoff, so their removes are too. */
    private Removed removedFiles(List<FileStatus> commits, long now) throws IOException {
        Set<String> kept = new HashSet<>();
        Set<String> due = new HashSet<>();
        Optional<Long> nextDue = Optional.empty();
        for (FileStatus commit : commits) {
            Optional<Long> dueAt = options.purgeWithin().map(delay -> commit.getModificationTime() + delay.toMillis());
            // A zero delay purges at once even when the store's clock stamped the commit a little ahead of ours.
            boolean purgeNow = dueAt.filter(at -> at <= now).isPresent()
                    || options.purgeWithin().filter(java.time.Duration::isZero).isPresent();
            Set<String> keep = purgeNow ? due : kept;
            boolean removes = false;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(storage.open(commit.getPath()),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode remove = JSON.readTree(line).get("remove");
                    if (remove != null) {
                        removes = true;
                        keepLogged(remove.get("path").asText(), keep);
                        JsonNode dv = remove.get("deletionVector");
                        if (dv != null && dv.isObject()) {
                            KernelInternals.deletionVectorFile(dv.path("storageType").asText(),
                                    dv.path("pathOrInlineDv").asText(), dv.path("sizeInBytes").asInt(), root)
                                    .ifPresent(path -> keepLogged(path, keep));
                        }
                    }
                }
            }
            if (removes && !purgeNow && dueAt.isPresent()) {
                nextDue = Optional.of(Math.min(nextDue.orElse(Long.MAX_VALUE), dueAt.get()));
                if (waiting != null) {
                    ForeignCommits.Commit read = ForeignCommits.read(storage, commit, root);
                    waiting.add(read.version(), read.committedAt(), read.removed());
                }
            }
        }
        due.removeAll(kept);
        return new Removed(kept, due, nextDue);
    }

    /**
     * A logged path is kept by its place under the root. One that cannot be placed names no file of this table's
     * directory, so nothing listed is matched to it and nothing of it can be deleted either.
     */
    private void keepLogged(String logged, Set<String> keep) {
        TableLocation.loggedRelative(root, logged).ifPresent(keep::add);
    }

    /** The log and hidden or underscore-prefixed entries (checksums, staging, probes) are never data. */
    private static boolean isMetadata(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** What a killed writer of ours leaves: a hidden temporary or staged file, never read by anyone. */
    private static boolean isStagingLeftover(String relative) {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        return name.startsWith(".") && (name.endsWith(".tmp") || name.endsWith(".staged"));
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The data files of one version of a table, by the groups they hold rows of ({@link FileGroups}). Read once from
 * the log when a process first meets the table, then kept up to date from the commits themselves (what ours added
 * and removed, what another writer's did): a run looks its groups up here instead of replaying the log.
 */
final class GroupedFiles {

    private final Map<String, TrackedFile> files;

    private GroupedFiles(Map<String, TrackedFile> files) {
        this.files = files;
    }

    /** Every data file of {@code version}, with its statistics, from a scan of the log. */
    static GroupedFiles scan(Snapshot version, Engine engine, String location) {
        Map<String, TrackedFile> files = new LinkedHashMap<>();
        try (CloseableIterator<FilteredColumnarBatch> batches = version.getScanBuilder().build()
                .getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    rows.forEachRemaining(row -> {
                        TrackedFile file = KernelInternals.scannedFile(row);
                        files.put(file.path(), file);
                    });
                }
            }
        } catch (IOException e) {
            throw new GoldTableException("Listing the data files of " + location + " failed: " + e.getMessage(), e);
        }
        return new GroupedFiles(files);
    }

    /** The files after a commit that removed {@code removed} (paths as logged) and added {@code added}. */
    GroupedFiles after(Collection<String> removed, Collection<TrackedFile> added) {
        Map<String, TrackedFile> next = new LinkedHashMap<>(files);
        removed.forEach(next::remove);
        added.forEach(file -> next.put(file.path(), file));
        return new GroupedFiles(next);
    }

    int size() {
        return files.size();
    }

    Collection<TrackedFile> all() {
        return files.values();
    }

    /** The groups that share a file with another group; empty when some file cannot be placed. */
    Optional<Set<String>> shared(Optional<String> groupColumn) {
        Set<String> shared = new HashSet<>();
        for (TrackedFile file : files.values()) {
            Optional<Set<String>> groups = file.groups(groupColumn);
            if (groups.isEmpty()) {
                return Optional.empty();
            }
            if (groups.get().size() > 1) {
                shared.addAll(groups.get());
            }
        }
        return Optional.of(shared);
    }

    /**
     * The files that hold rows of any group in {@code replaced}. Fails, saying which, when a file cannot be placed or
     * also holds rows of a group outside {@code replaced}: removing it would lose them.
     */
    List<TrackedFile> holding(Set<String> replaced, Optional<String> groupColumn, String location) {
        List<TrackedFile> holding = new ArrayList<>();
        for (TrackedFile file : files.values()) {
            Set<String> groups = file.groups(groupColumn).orElseThrow(() -> new GoldTableException(
                    "Data file " + file.path() + " of " + location + " belongs to no group (no statistics on "
                            + groupColumn.orElse("a group column") + "); overwrite the whole table instead"));
            if (groups.stream().anyMatch(replaced::contains)) {
                if (!replaced.containsAll(groups)) {
                    throw new GoldTableException("Data file " + file.path() + " of " + location + " also holds rows"
                            + " of groups not rewritten; rewrite every group it holds");
                }
                holding.add(file);
            }
        }
        return holding;
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The data files of a grouped table's version, by the groups they hold rows of ({@link FileGroups}). */
final class GroupedFiles {

    private GroupedFiles() {
    }

    /** The groups that share a file with another group; empty when some file cannot be placed. */
    static Optional<Set<String>> shared(Snapshot version, Optional<String> groupColumn, Engine engine,
            String location) {
        Set<String> shared = new HashSet<>();
        boolean[] unplaced = {false};
        eachFile(version, engine, location, scanFile -> {
            Optional<Set<String>> groups = FileGroups.of(scanFile, groupColumn);
            if (groups.isEmpty()) {
                unplaced[0] = true;
            } else if (groups.get().size() > 1) {
                shared.addAll(groups.get());
            }
        });
        return unplaced[0] ? Optional.empty() : Optional.of(shared);
    }

    /**
     * The scan-file rows of the files that hold rows of any group in {@code replaced}. Fails, saying which, when a
     * file cannot be placed or also holds rows of a group outside {@code replaced}: removing it would lose them.
     */
    static List<Row> holding(Snapshot version, Set<String> replaced, Optional<String> groupColumn, Engine engine,
            String location) {
        List<Row> holding = new ArrayList<>();
        eachFile(version, engine, location, scanFile -> {
            String path = KernelInternals.loggedPath(scanFile);
            Set<String> groups = FileGroups.of(scanFile, groupColumn).orElseThrow(() -> new GoldTableException(
                    "Data file " + path + " of " + location + " belongs to no group (no statistics on "
                            + groupColumn.orElse("a group column") + "); overwrite the whole table instead"));
            if (groups.stream().anyMatch(replaced::contains)) {
                if (!replaced.containsAll(groups)) {
                    throw new GoldTableException("Data file " + path + " of " + location + " also holds rows of "
                            + "groups not rewritten; rewrite every group it holds");
                }
                holding.add(scanFile);
            }
        });
        return holding;
    }

    /** Every data file of the version, with its statistics. */
    private static void eachFile(Snapshot version, Engine engine, String location, Consumer<Row> action) {
        try (CloseableIterator<FilteredColumnarBatch> batches = version.getScanBuilder().build()
                .getScanFiles(engine, true)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> files = batches.next().getRows()) {
                    files.forEachRemaining(action);
                }
            }
        } catch (IOException e) {
            throw new GoldTableException("Listing the data files of " + location + " failed: " + e.getMessage(), e);
        }
    }
}

package com.summitlakehouse.delta;

import java.util.List;

/**
 * What a write committed: the new version, the rows and data files it wrote, the data files it removed from the
 * table, and what upkeep did after it: {@code sweep}, the files vacuum and purge deleted; {@code upkeepFailures}, one
 * line per step that did not happen (the commit stands, and the next write's upkeep tries again).
 */
public record OverwriteResult(long version, long rows, int dataFiles, int dataFilesRemoved, boolean checkpointed,
        Sweep sweep, List<String> upkeepFailures) {

    public OverwriteResult {
        upkeepFailures = List.copyOf(upkeepFailures);
    }
}

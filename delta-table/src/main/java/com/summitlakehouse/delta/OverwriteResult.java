package com.summitlakehouse.delta;

/**
 * What a write committed: the new version, the rows and data files it wrote, the data files it removed from the
 * table, and what upkeep did after it.
 */
public record OverwriteResult(long version, long rows, int dataFiles, int dataFilesRemoved, boolean checkpointed,
        int filesVacuumed) {
}

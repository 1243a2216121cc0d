package com.summitlakehouse.delta;

/** What an overwrite committed: the new version, the rows and data files it holds, and what upkeep removed. */
public record OverwriteResult(long version, long rows, int dataFiles, boolean checkpointed, int filesVacuumed) {
}

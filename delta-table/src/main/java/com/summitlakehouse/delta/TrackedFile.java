package com.summitlakehouse.delta;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * One data file of the table's current version, as its "add" action described it, copied out of Kernel's rows so
 * that it can be kept between runs and later removed by a commit of ours ({@link KernelInternals#removeAction}).
 *
 * @param path the path as the log has it (relative to the root for the table's own files)
 */
record TrackedFile(String path, long size, Map<String, String> partitionValues, Optional<String> statistics,
        Optional<Map<String, String>> tags, Optional<DeletionVectorDescriptor> deletionVector,
        Optional<Long> baseRowId, Optional<Long> defaultRowCommitVersion) {

    /** The groups its rows are in ({@link FileGroups}); empty when neither its place nor its statistics say. */
    Optional<java.util.Set<String>> groups(Optional<String> groupColumn) {
        return FileGroups.of(path, statistics, groupColumn);
    }
}

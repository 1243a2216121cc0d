package com.summitlakehouse.delta;

import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Where a table's files live: Kernel's file access, plus what upkeep needs and Kernel's FileIO lacks (a recursive
 * listing, reading a file whole, deleting many at once), plus the check that the store's put-if-absent can be
 * trusted before a table is written. Paths are absolute URIs in the form the table's location has.
 */
public interface TableStorage extends FileIO {

    /** Every file under {@code directory}, at any depth; nothing when it does not exist. */
    CloseableIterator<FileStatus> listRecursively(String directory) throws IOException;

    InputStream open(String path) throws IOException;

    /**
     * Gives the complete file {@code from} the name {@code to} in one step (replacing what is there): readers see
     * the old file or the whole new one, never a part.
     */
    void moveAtomically(String from, String to) throws IOException;

    /** Deletes these files (in batches where the store can); answers how many went. */
    int deleteAll(List<String> paths) throws IOException;

    /**
     * Deletes these files so that their bytes are gone from the store, not just hidden: on a store that keeps
     * earlier versions of an object (an S3 bucket with versioning on), every version of each key goes too. Fails with
     * {@link GoldTableException} in one line when the store would keep them and this job may not delete them.
     * Answers how many files went. Withdrawn content is purged through this, never through {@link #deleteAll}.
     */
    default int purgeAll(List<String> paths) throws IOException {
        return deleteAll(paths);
    }

    /**
     * Fails with {@link GoldTableException}, saying why, when commits to {@code location} could not be published
     * atomically (put-if-absent), instead of letting two writers corrupt a table later.
     */
    void verifyAtomicCommits(String location);
}

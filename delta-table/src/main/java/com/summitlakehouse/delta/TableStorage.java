package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Clients;
import com.summitlakehouse.delta.objectstore.S3Settings;
import com.summitlakehouse.delta.objectstore.S3Storage;
import io.delta.kernel.defaults.engine.fileio.FileIO;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;

/**
 * Where a table's files live: Kernel's file access, plus what upkeep needs and Kernel's FileIO lacks (a recursive
 * listing, reading a file whole, deleting many at once), plus the check that the store's put-if-absent can be
 * trusted before a table is written. Paths are absolute URIs in the form the table's location has.
 */
public interface TableStorage extends FileIO {

    /** The storage a table at {@code location} (a {@code file:} URI or {@code s3://}, canonical) lives in. */
    static TableStorage open(String location, GoldTableOptions options, S3Settings s3) {
        // Settings only, no Hadoop defaults: parsing core-default.xml cost a fresh process about a tenth of a second of
        // CPU per table, and nothing here reads a Hadoop default (Kernel falls back to its own when a key is absent).
        Configuration hadoop = new Configuration(false);
        hadoop.setLong("delta.kernel.default.parquet.writer.targetMaxFileSize", options.targetFileSizeBytes());
        // Kernel writes uncompressed, dictionary-encoded v1 pages by default (its checkpoints still go through its
        // writer). Gold tables hold mostly distinct text (ids, captions, links), where building dictionaries that
        // overflow costs a fifth of the writer's time: v2 pages without dictionaries, compressed by Snappy. Data files
        // are written by ParquetDataFiles, which takes the codec and the target size from here.
        hadoop.set("parquet.compression", "SNAPPY");
        hadoop.set("parquet.writer.version", "v2");
        hadoop.setBoolean("parquet.enable.dictionary", false);
        // Put-if-absent commits: link(2) on local disks, conditional PUTs on S3.
        return location.startsWith("s3://") || location.startsWith("s3a://")
                ? new S3Storage(S3Clients.create(s3), key -> Optional.ofNullable(hadoop.get(key)))
                : new LocalAtomicFileIO(key -> Optional.ofNullable(hadoop.get(key)));
    }

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

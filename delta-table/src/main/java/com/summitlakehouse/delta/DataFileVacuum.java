package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Snapshot;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.utils.CloseableIterator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.jboss.logging.Logger;

/**
 * Deletes the data files that no retained version needs, as Delta's VACUUM does; Kernel has no such operation.
 *
 * <p>A file is kept when the latest version references it, or when a commit still in the log removed it less than
 * the file retention ago (a version inside the time-travel window may still read it). Anything else in the table
 * directory older than the retention goes, including files of writes that never committed. Files younger than the
 * retention are never touched, so a concurrent writer's not-yet-committed files are safe.
 */
final class DataFileVacuum {

    private static final Logger LOG = Logger.getLogger(DataFileVacuum.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Configuration hadoop;
    private final Path root;
    private final GoldTableOptions options;

    DataFileVacuum(Configuration hadoop, String location, GoldTableOptions options) {
        this.hadoop = hadoop;
        this.root = new Path(location);
        this.options = options;
    }

    int run(Snapshot latest, Engine engine) throws IOException {
        if (latest == null) {
            return 0;
        }
        FileSystem fs = root.getFileSystem(hadoop);
        Path qualifiedRoot = fs.makeQualified(root);
        long cutoff = options.clock().millis() - options.fileRetention().toMillis();
        Set<Path> keep = new HashSet<>();
        addLatestFiles(latest, engine, fs, keep);
        addRecentlyRemovedFiles(fs, qualifiedRoot, cutoff, keep);

        int deleted = 0;
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualifiedRoot, true);
        while (files.hasNext()) {
            LocatedFileStatus file = files.next();
            Path path = fs.makeQualified(file.getPath());
            if (isMetadata(qualifiedRoot, path) || keep.contains(path) || file.getModificationTime() >= cutoff) {
                continue;
            }
            if (fs.delete(path, false)) {
                deleted++;
            }
        }
        if (deleted > 0) {
            LOG.infof("Upkeep of %s removed %d data files no retained version needs", qualifiedRoot, deleted);
        }
        return deleted;
    }

    private static void addLatestFiles(Snapshot latest, Engine engine, FileSystem fs, Set<Path> keep)
            throws IOException {
        try (CloseableIterator<FilteredColumnarBatch> batches = latest.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        String path = KernelInternals.addedFile(rows.next()).getPath();
                        keep.add(fs.makeQualified(new Path(path)));
                    }
                }
            }
        }
    }

    private static void addRecentlyRemovedFiles(FileSystem fs, Path root, long cutoff, Set<Path> keep)
            throws IOException {
        for (FileStatus commit : fs.listStatus(new Path(root, "_delta_log"))) {
            if (!commit.isFile() || !commit.getPath().getName().matches("\\d{20}\\.json")) {
                continue;
            }
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(fs.open(commit.getPath()),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode remove = JSON.readTree(line).get("remove");
                    if (remove != null && remove.path("deletionTimestamp").asLong(Long.MAX_VALUE) >= cutoff) {
                        keep.add(fs.makeQualified(new Path(root, new Path(URI.create(remove.get("path").asText())))));
                    }
                }
            }
        }
    }

    /** The log and hidden or underscore-prefixed entries (checksums, staging) are Delta's own, never data. */
    private static boolean isMetadata(Path root, Path file) {
        for (Path p = file; p != null && !p.equals(root); p = p.getParent()) {
            String name = p.getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}

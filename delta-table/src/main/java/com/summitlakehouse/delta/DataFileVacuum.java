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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Deletes the data files that no retained version needs, as Delta's VACUUM does; Kernel has no such operation.
 *
 * <p>A file is kept when the latest version references it, or when a commit still in the log removed it less than
 * the file retention ago (a version inside the time-travel window may still read it). Anything else in the table
 * directory older than the retention goes, including files of writes that never committed. Files younger than the
 * retention are never touched, so a concurrent writer's not-yet-committed files are safe. Files are compared by
 * their path relative to the table root, as the log records them.
 */
final class DataFileVacuum {

    private static final Logger LOG = Logger.getLogger(DataFileVacuum.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TableStorage storage;
    private final String root;
    private final GoldTableOptions options;

    DataFileVacuum(TableStorage storage, String location, GoldTableOptions options) {
        this.storage = storage;
        this.root = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        this.options = options;
    }

    int run(Snapshot latest, Engine engine) throws IOException {
        if (latest == null) {
            return 0;
        }
        long cutoff = options.clock().millis() - options.fileRetention().toMillis();
        // One listing of the table serves both: the commits to read and the old files that may go.
        List<String> commits = new ArrayList<>();
        Map<String, String> oldFiles = new LinkedHashMap<>();
        try (CloseableIterator<FileStatus> files = storage.listRecursively(root)) {
            while (files.hasNext()) {
                FileStatus file = files.next();
                String relative = relative(file.getPath());
                // A commit written before the cutoff removed its files before it too: nothing in it is kept, so
                // only the retention window's commits are read, however long the log grows.
                if (relative.matches("_delta_log/\\d{20}\\.json") && file.getModificationTime() >= cutoff) {
                    commits.add(file.getPath());
                } else if (!isMetadata(relative) && file.getModificationTime() < cutoff) {
                    oldFiles.put(relative, file.getPath());
                }
            }
        }
        Set<String> keep = new HashSet<>();
        addLatestFiles(latest, engine, keep);
        addRecentlyRemovedFiles(commits, cutoff, keep);

        oldFiles.keySet().removeAll(keep);
        List<String> expired = new ArrayList<>(oldFiles.values());
        int deleted = expired.isEmpty() ? 0 : storage.deleteAll(expired);
        if (deleted > 0) {
            LOG.infof("Upkeep of %s removed %d data files no retained version needs", root, deleted);
        }
        return deleted;
    }

    private void addLatestFiles(Snapshot latest, Engine engine, Set<String> keep) throws IOException {
        try (CloseableIterator<FilteredColumnarBatch> batches = latest.getScanBuilder().build().getScanFiles(engine)) {
            while (batches.hasNext()) {
                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                    while (rows.hasNext()) {
                        keep.add(logged(KernelInternals.loggedPath(rows.next())));
                    }
                }
            }
        }
    }

    private void addRecentlyRemovedFiles(List<String> commits, long cutoff, Set<String> keep) throws IOException {
        for (String commit : commits) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(storage.open(commit),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    JsonNode remove = JSON.readTree(line).get("remove");
                    if (remove != null && remove.path("deletionTimestamp").asLong(Long.MAX_VALUE) >= cutoff) {
                        keep.add(logged(remove.get("path").asText()));
                    }
                }
            }
        }
    }

    /** A path as the log records it (URI-encoded, relative to the root, or absolute) made relative and decoded. */
    private String logged(String path) {
        URI uri = URI.create(path);
        if (!uri.isAbsolute()) {
            return uri.getPath();
        }
        String rootPath = URI.create(root).getPath();
        return uri.getPath().startsWith(rootPath + "/") ? uri.getPath().substring(rootPath.length() + 1) : path;
    }

    /** A listed file's path (in the root's own form) relative to the root. */
    private String relative(String listed) {
        return listed.startsWith(root + "/") ? listed.substring(root.length() + 1) : listed;
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
}

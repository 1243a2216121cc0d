package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What other writers did to a table since this job's own last commit, read from the commits themselves: routine
 * maintenance (OPTIMIZE, ZORDER BY, VACUUM, property changes) moves or describes files without changing any row
 * ({@code dataChange: false}, or no file actions), while a DELETE, UPDATE, MERGE or RESTORE changes rows. A job
 * that keeps its own fingerprints of what the table holds may trust them after the first kind, never after the second.
 */
final class ForeignCommits {

    /** How far back the search for this job's own last commit goes before it gives up and calls the table changed. */
    private static final int MAX_COMMITS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ForeignCommits() {
    }

    /**
     * The newest commit after this job's last one (its commitInfo's engineInfo names {@code job}) that changed rows,
     * described in a few words; empty when none did.
     */
    static Optional<String> dataChangeSince(TableStorage storage, String location, long latest, String job)
            throws IOException {
        Optional<String> change = Optional.empty();
        for (long version = latest; version >= Math.max(0, latest - MAX_COMMITS); version--) {
            String commit = commitPath(location, version);
            Commit read;
            try {
                read = read(storage, commit);
            } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
                return Optional.of("the log before version " + (version + 1) + " is gone");
            }
            if (read.madeBy(job)) {
                return change;
            }
            if (read.changesData() && change.isEmpty()) {
                change = Optional.of("version " + version + " (" + read.operation() + " by " + read.engine() + ")");
            }
        }
        return Optional.of(change.orElse("no commit of " + job + " in the last " + MAX_COMMITS + " versions"));
    }

    /**
     * One commit as upkeep and the writer's checks need it: who made it, whether it changed rows, and the files it
     * removed (absolute paths, deletion vectors included; files outside the table root are not named).
     */
    record Commit(long version, long committedAt, String engine, String operation, boolean changesData,
            List<String> removed) {

        boolean madeBy(String job) {
            return engine.contains("/" + job + "/");
        }

        String describe() {
            return "version " + version + " (" + operation + " by " + engine + ")";
        }
    }

    /** The commit files after {@code version}, oldest first, from one listing that starts at the next one. */
    static List<FileStatus> commitsAfter(TableStorage storage, String location, long version) throws IOException {
        List<FileStatus> commits = new ArrayList<>();
        try (CloseableIterator<FileStatus> listed = storage.listFrom(commitPath(location, version + 1))) {
            while (listed.hasNext()) {
                FileStatus file = listed.next();
                String name = file.getPath().substring(file.getPath().lastIndexOf('/') + 1);
                if (name.matches("\\d{20}\\.json") && Long.parseLong(name.substring(0, 20)) > version) {
                    commits.add(file);
                }
            }
        } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
            return List.of();
        }
        return commits;
    }

    static long versionOf(FileStatus commit) {
        String name = commit.getPath().substring(commit.getPath().lastIndexOf('/') + 1);
        return Long.parseLong(name.substring(0, 20));
    }

    static String commitPath(String location, long version) {
        return location + "/_delta_log/" + String.format("%020d", version) + ".json";
    }

    /** Reads one listed commit file whole. */
    static Commit read(TableStorage storage, FileStatus commit, String root) throws IOException {
        return read(storage, commit.getPath(), versionOf(commit), commit.getModificationTime(), root);
    }

    private static Commit read(TableStorage storage, String path) throws IOException {
        return read(storage, path, -1, 0, null);
    }

    private static Commit read(TableStorage storage, String path, long version, long committedAt, String root)
            throws IOException {
        String engine = "an unknown writer";
        String operation = "unknown operation";
        boolean changesData = false;
        List<String> removed = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(storage.open(path),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                JsonNode action = JSON.readTree(line);
                if (action.has("commitInfo")) {
                    engine = action.get("commitInfo").path("engineInfo").asText(engine);
                    operation = action.get("commitInfo").path("operation").asText(operation);
                }
                for (String kind : new String[] {"add", "remove", "cdc"}) {
                    if (action.has(kind) && action.get(kind).path("dataChange").asBoolean(true)) {
                        changesData = true;
                    }
                }
                if (root != null && action.has("remove")) {
                    removedFiles(action.get("remove"), root, removed);
                }
            }
        }
        return new Commit(version, committedAt, engine, operation, changesData, removed);
    }

    private static void removedFiles(JsonNode remove, String root, List<String> removed) {
        TableLocation.loggedRelative(root, remove.path("path").asText()).ifPresent(relative ->
                removed.add(root + "/" + relative));
        JsonNode dv = remove.get("deletionVector");
        if (dv != null && dv.isObject()) {
            KernelInternals.deletionVectorFile(dv.path("storageType").asText(), dv.path("pathOrInlineDv").asText(),
                    dv.path("sizeInBytes").asInt(), root)
                    .flatMap(path -> TableLocation.loggedRelative(root, path))
                    .ifPresent(relative -> removed.add(root + "/" + relative));
        }
    }
}

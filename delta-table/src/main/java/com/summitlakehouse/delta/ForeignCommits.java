package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
            String commit = location + "/_delta_log/" + String.format("%020d", version) + ".json";
            Commit read;
            try {
                read = read(storage, commit);
            } catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException e) {
                return Optional.of("the log before version " + (version + 1) + " is gone");
            }
            if (read.engine().contains("/" + job + "/")) {
                return change;
            }
            if (read.changesData() && change.isEmpty()) {
                change = Optional.of("version " + version + " (" + read.operation() + " by " + read.engine() + ")");
            }
        }
        return Optional.of(change.orElse("no commit of " + job + " in the last " + MAX_COMMITS + " versions"));
    }

    private record Commit(String engine, String operation, boolean changesData) {
    }

    private static Commit read(TableStorage storage, String path) throws IOException {
        String engine = "an unknown writer";
        String operation = "unknown operation";
        boolean changesData = false;
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
            }
        }
        return new Commit(engine, operation, changesData);
    }
}

package com.summitlakehouse.delta;

import com.summitlakehouse.delta.objectstore.S3Settings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A writer for the crash tests to lose: a child process that commits versions 0, 1 and 2 of a table whose
 * checkpoint interval is 2, and halts (as a SIGKILL would: no finally block runs) as it writes the bytes of the checkpoint of
 * version 2. Arguments: table location, then for S3 the endpoint and the secret directory.
 */
public final class CheckpointCrasher {

    static final int HALTED = 137;

    public static void main(String[] args) {
        S3Settings settings = args.length > 1
                ? new S3Settings(Optional.of(URI.create(args[1])), S3Settings.DEFAULT_REGION, true,
                        Optional.of(Path.of(args[2])))
                : S3Settings.fromEnvironment(Map.of(), Optional.empty());
        GoldTable table = new GoldTable(args[0], GoldTableOptions.defaults().withCheckpointInterval(2), settings,
                storage -> new FaultyStorage(storage, (operation, path) -> {
                    if (operation == FaultyStorage.Operation.WRITE_BYTES && path.contains("checkpoint.parquet")) {
                        Runtime.getRuntime().halt(HALTED);
                    }
                }));
        table.overwrite(GoldTableTest.SCHEMA, GoldTableTest.rows(0, 10).iterator(), GoldTableTest.lineage("v0", 10));
        table.overwrite(GoldTableTest.SCHEMA, GoldTableTest.rows(0, 20).iterator(), GoldTableTest.lineage("v1", 20));
        table.overwrite(GoldTableTest.SCHEMA, GoldTableTest.rows(0, 30).iterator(), GoldTableTest.lineage("v2", 30));
        System.exit(0);
    }
}

package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.objectstore.S3Objects;
import com.summitlakehouse.delta.objectstore.S3Settings;
import java.nio.file.Path;
import java.util.List;

/**
 * One ingestion: configuration defaults overridden by the command line. {@code source} is the local file read;
 * {@code sourceName} what lineage records: the file's name, or the governed volume path or object URI it was given
 * as (whose file {@code source} is null until it is resolved or downloaded); {@code sourceObject} and
 * {@code sourceVersion} the object read and its version or ETag, when it came from object storage. {@code store}: how s3:// locations are reached.
 */
record IngestRequest(Path source, String sourceName, String sourceObject, String sourceVersion, String sheet,
        String table, boolean force, S3Settings store) {

    static final String USAGE = "usage: schedule-ingest --source <file.xlsx | s3://bucket/key | /Volumes/...> "
            + "[--sheet <name>] [--table <path | s3://bucket/prefix>] [--force]";

    static IngestRequest parse(List<String> args, IngestConfig config) {
        String source = config.source().orElse(null);
        String sheet = config.sheet().orElse(null);
        String table = config.table();
        boolean force = config.force();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--source" -> source = value(args, ++i, arg);
                case "--sheet" -> sheet = value(args, ++i, arg);
                case "--table" -> table = value(args, ++i, arg);
                case "--force" -> force = true;
                default -> throw new BadInputException("Unknown argument '" + arg + "'; " + USAGE);
            }
        }
        if (source == null || source.isBlank()) {
            throw new BadInputException("No workbook given; " + USAGE);
        }
        S3Settings store = config.objectStore().s3();
        if (ScheduleCatalog.isVolumePath(source) || S3Objects.isObjectUri(source)) {
            return new IngestRequest(null, source, null, null, sheet, table, force, store);
        }
        Path file = Path.of(source);
        return new IngestRequest(file, file.getFileName().toString(), null, null, sheet, table, force, store);
    }

    IngestRequest resolvedTo(Path file) {
        return new IngestRequest(file, sourceName, null, null, sheet, table, force, store);
    }

    /** Read from a private copy of {@code object} (which may be what a volume path named), at {@code version}. */
    IngestRequest downloadedTo(Path file, String object, String version) {
        return new IngestRequest(file, sourceName, object, version, sheet, table, force, store);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new BadInputException(option + " needs a value; " + USAGE);
        }
        return args.get(index);
    }
}

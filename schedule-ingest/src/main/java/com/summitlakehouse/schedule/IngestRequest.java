package com.summitlakehouse.schedule;

import java.nio.file.Path;
import java.util.List;

/**
 * One ingestion: configuration defaults overridden by the command line. {@code source} is the local file read;
 * {@code sourceName} what lineage records: the file's name, or the governed volume path it was given as (whose
 * file {@code source} is null until the catalog resolves it).
 */
record IngestRequest(Path source, String sourceName, String sheet, String table, boolean force) {

    static final String USAGE =
            "usage: schedule-ingest --source <file.xlsx> [--sheet <name>] [--table <location>] [--force]";

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
        if (ScheduleCatalog.isVolumePath(source)) {
            return new IngestRequest(null, source, sheet, table, force);
        }
        Path file = Path.of(source);
        return new IngestRequest(file, file.getFileName().toString(), sheet, table, force);
    }

    IngestRequest resolvedTo(Path file) {
        return new IngestRequest(file, sourceName, sheet, table, force);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size() || args.get(index).startsWith("--")) {
            throw new BadInputException(option + " needs a value; " + USAGE);
        }
        return args.get(index);
    }
}

package com.summitlakehouse.schedule;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** Defaults for the command line; --source, --sheet, --table and --force override them. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    /** The schedule workbook (.xlsx). */
    Optional<String> source();

    /** Sheet to read; the first sheet when absent. */
    Optional<String> sheet();

    /** Location of the journey_schedule Delta table: a path or a Hadoop URI. */
    @WithDefault("./warehouse/gold/journey_schedule")
    String table();

    /** Write a new version even when the workbook's checksum equals the current version's. */
    @WithDefault("false")
    boolean force();

    /** Where the table is registered and workbook volumes are resolved; see application.properties. */
    Catalog catalog();

    interface Catalog {
        /** Unity Catalog's base URL (secret file uc_url); absent: no registration, no /Volumes paths. */
        Optional<String> url();

        /** The bearer token of this job's principal (secret file uc_token). */
        Optional<String> token();

        @WithDefault("summit")
        String name();

        @WithDefault("gold")
        String schema();

        @WithDefault("journey_schedule")
        String table();
    }
}

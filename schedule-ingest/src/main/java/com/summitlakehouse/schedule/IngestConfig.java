package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.catalog.CatalogSettings;
import com.summitlakehouse.delta.objectstore.ObjectStoreSettings;
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

    /** Location of the journey_schedule Delta table: a path, a file: URI, or s3://bucket/prefix. */
    @WithDefault("./warehouse/gold/journey_schedule")
    String table();

    /** Write a new version even when the workbook's checksum equals the current version's. */
    @WithDefault("false")
    boolean force();

    /** Where the table is registered and workbook volumes are resolved; see application.properties. */
    Catalog catalog();

    /** How s3:// tables and workbooks are reached; see application.properties. */
    ObjectStoreSettings objectStore();

    /** Without a URL: no registration, and no /Volumes paths. */
    interface Catalog extends CatalogSettings {
        /** The table's name in the schema. */
        @WithDefault("journey_schedule")
        String table();
    }
}

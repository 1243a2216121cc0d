package com.summitlakehouse.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.summitlakehouse.delta.catalog.CatalogTables;
import com.summitlakehouse.delta.catalog.TableRegistration;
import com.summitlakehouse.delta.catalog.UnityCatalog;
import com.summitlakehouse.delta.objectstore.S3Objects;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What schedule-ingest asks of Unity Catalog: where a governed volume path ({@code /Volumes/catalog/schema/volume/
 * file}) really is, and the journey_schedule table's registration after a run.
 */
final class ScheduleCatalog {

    static final String VOLUMES = "/Volumes/";

    private final UnityCatalog catalog;
    private final IngestConfig.Catalog config;

    private ScheduleCatalog(UnityCatalog catalog, IngestConfig.Catalog config) {
        this.catalog = catalog;
        this.config = config;
    }

    /** Empty when no catalog is configured. */
    static Optional<ScheduleCatalog> of(IngestConfig.Catalog config) {
        return config.client().map(client -> new ScheduleCatalog(client, config));
    }

    static boolean isVolumePath(String source) {
        return source.startsWith(VOLUMES);
    }

    /**
     * Where the file a volume path names is, through the volume's storage location: a local path (file:) or an
     * object URI (s3://), which the caller downloads.
     */
    String resolve(String volumePath) {
        String[] parts = volumePath.substring(VOLUMES.length()).split("/", 4);
        if (parts.length < 4 || parts[3].isBlank()) {
            throw new BadInputException("Volume path " + volumePath
                    + " must name a file: /Volumes/<catalog>/<schema>/<volume>/<file>");
        }
        String volume = parts[0] + "." + parts[1] + "." + parts[2];
        // Listed rather than fetched by name: the open-source server answers a missing volume with a 500.
        JsonNode found = null;
        if (catalog.get("schemas", parts[0] + "." + parts[1]).isPresent()) {
            for (JsonNode candidate : catalog.list("volumes", parts[0], parts[1])) {
                if (candidate.path("name").asText().equals(parts[2])) {
                    found = candidate;
                }
            }
        }
        if (found == null) {
            throw new BadInputException("Volume " + volume + " does not exist in Unity Catalog (or this job may not "
                    + "read it)");
        }
        String location = found.path("storage_location").asText();
        String root = location.endsWith("/") ? location : location + "/";
        if (S3Objects.isObjectUri(root)) {
            return root + parts[3];
        }
        if (!"file".equals(URI.create(root).getScheme())) {
            throw new BadInputException("Volume " + volume + " is stored at " + location
                    + "; only file: and s3:// locations can be read");
        }
        return Path.of(URI.create(root).resolve(parts[3].replace(" ", "%20"))).toString();
    }

    /** Registers the table as it stands after this run; the status word for the summary line. */
    String register(String tableLocation, String source) {
        return new CatalogTables(catalog).register(new TableRegistration(config.name(), config.schema(), config.table(),
                tableLocation, "The journey's schedule: one row per stop of the 35-day road trip, from the "
                        + "schedule workbook", JourneyScheduleTable.SCHEMA,
                Map.of("summit.lineage.source", source, "summit.lineage.job", "schedule-ingest")))
                .name().toLowerCase(java.util.Locale.ROOT);
    }
}

package com.summitlakehouse.delta;

import io.delta.kernel.Snapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The table properties each commit sets: upkeep settings, lineage, the commit's own id, the statistics columns.
 * A whole-table write replaces the metadata, so it also carries over every property this writer does not own
 * (another engine's, an operator's {@code delta.enableExpiredLogCleanup}), as Spark's {@code mode("overwrite")} does.
 */
final class TableProperties {

    /** A property each commit sets to an id of its own, by which a commit whose answer was lost is recognised. */
    static final String COMMIT_ID = "summit.commit.id";

    private TableProperties() {
    }

    /** For a create or a whole-table replace on top of {@code previous}. */
    static Map<String, String> forWrite(Optional<Snapshot> previous, TableSchema schema, Lineage lineage,
            GoldTableOptions options, String commitId, boolean grouped) {
        Map<String, String> properties = new LinkedHashMap<>(previous.map(TableProperties::foreign).orElse(Map.of()));
        properties.put("delta.checkpointInterval", Integer.toString(options.checkpointInterval()));
        properties.put("delta.logRetentionDuration", interval(options.logRetention()));
        properties.put("delta.deletedFileRetentionDuration", interval(options.fileRetention()));
        properties.putAll(forUpdate(lineage, options, commitId));
        schema.statisticsProperty().ifPresent(columns -> properties.put(TableSchema.STATISTICS_PROPERTY, columns));
        if (grouped || options.purgeWithin().isPresent()) {
            // The group layout and the purge watermark are domain metadata, a writer-only table feature: readers
            // need nothing new.
            properties.put("delta.feature.domainMetadata", "supported");
        }
        return properties;
    }

    /** For a commit that keeps the metadata and adds to it (rewriting single groups). */
    static Map<String, String> forUpdate(Lineage lineage, GoldTableOptions options, String commitId) {
        Map<String, String> properties = new LinkedHashMap<>(lineage.toProperties(options.clock().instant().toString()));
        properties.put(COMMIT_ID, commitId);
        return properties;
    }

    /** The previous version's properties that this writer does not set itself. */
    private static Map<String, String> foreign(Snapshot previous) {
        Map<String, String> kept = new LinkedHashMap<>();
        previous.getTableProperties().forEach((key, value) -> {
            if (!key.startsWith(Lineage.PREFIX) && !key.startsWith("delta.feature.") && !key.equals(COMMIT_ID)
                    && !key.equals(TableSchema.STATISTICS_PROPERTY)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /** Delta's interval syntax, as Spark writes it. */
    static String interval(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds > 0 && seconds % 86_400 == 0) {
            return "interval " + seconds / 86_400 + " days";
        }
        if (duration.toMillis() % 1000 == 0) {
            return "interval " + seconds + " seconds";
        }
        return "interval " + duration.toMillis() + " milliseconds";
    }
}

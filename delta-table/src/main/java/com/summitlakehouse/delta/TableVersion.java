package com.summitlakehouse.delta;

import java.util.Map;
import java.util.Optional;

/**
 * A committed version of a gold table, the properties (lineage included) recorded on it and, for a grouped table,
 * its group layout.
 */
public record TableVersion(long version, long timestampMillis, Map<String, String> properties,
        Optional<GroupLayout> groups) {

    public Optional<String> lineage(String key) {
        return Optional.ofNullable(properties.get(Lineage.PREFIX + key));
    }

    public Optional<String> sourceFingerprint() {
        return lineage("source_fingerprint");
    }

    /** Whether this version was written from a source with exactly this fingerprint. */
    public boolean madeFrom(String fingerprint) {
        return sourceFingerprint().filter(fingerprint::equals).isPresent();
    }
}

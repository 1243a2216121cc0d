package com.summitlakehouse.delta;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a table version came from: the source (a table, view or file), its fingerprint or checksum, the job and its
 * version, and how many rows it holds. Stored as table properties under {@value #PREFIX} on every commit, so any
 * Delta reader (SHOW TBLPROPERTIES, DESCRIBE DETAIL, Kernel's snapshot) can see it.
 */
public record Lineage(String source, String sourceFingerprint, String job, String jobVersion, long rows,
        Map<String, String> details) {

    public static final String PREFIX = "summit.lineage.";

    public Lineage {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceFingerprint, "sourceFingerprint");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(jobVersion, "jobVersion");
        details = Map.copyOf(details);
    }

    public Lineage(String source, String sourceFingerprint, String job, String jobVersion, long rows) {
        this(source, sourceFingerprint, job, jobVersion, rows, Map.of());
    }

    Map<String, String> toProperties(String committedAt) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(PREFIX + "source", source);
        properties.put(PREFIX + "source_fingerprint", sourceFingerprint);
        properties.put(PREFIX + "job", job);
        properties.put(PREFIX + "job_version", jobVersion);
        properties.put(PREFIX + "rows", Long.toString(rows));
        properties.put(PREFIX + "committed_at", committedAt);
        details.forEach((key, value) -> properties.put(PREFIX + key, value));
        return properties;
    }
}

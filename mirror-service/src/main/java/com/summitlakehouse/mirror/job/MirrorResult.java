package com.summitlakehouse.mirror.job;

/** The outcome of one mirror in one run, printed as one line. */
public record MirrorResult(String mirror, Outcome outcome, long rows, Long version, long millis, String message) {

    public enum Outcome { MIRRORED, UNCHANGED, FAILED }

    public boolean failed() {
        return outcome == Outcome.FAILED;
    }

    public String summary() {
        return String.format("mirror %s: %s rows=%d version=%s duration=%dms%s", mirror,
                outcome.name().toLowerCase(java.util.Locale.ROOT), rows, version == null ? "-" : version, millis,
                message == null ? "" : " (" + message + ")");
    }
}

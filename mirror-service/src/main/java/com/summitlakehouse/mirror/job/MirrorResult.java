package com.summitlakehouse.mirror.job;

/**
 * The outcome of one mirror in one run, printed as one line. {@code catalog} says what became of the table's
 * registration in Unity Catalog (null when no catalog is configured); {@code catalogProblem} why it was not updated.
 * {@code upkeepFailures}: table upkeep steps (checkpoint, log cleanup, vacuum) that did not happen after the commit;
 * the commit stands and the next run tries them again, so they are reported but do not fail the run. {@code requests}:
 * what the run asked of the table's store, printed last as {@code store[lists=.. reads=.. writes=.. deletes=..]}.
 */
public record MirrorResult(String mirror, Outcome outcome, long rows, Long version, long millis, String message,
        String catalog, String catalogProblem, java.util.List<String> upkeepFailures,
        java.util.Optional<com.summitlakehouse.delta.Sweep> sweep, int lostRaces,
        com.summitlakehouse.delta.StoreRequests requests) {

    public enum Outcome { MIRRORED, UNCHANGED, FAILED }

    public MirrorResult {
        upkeepFailures = java.util.List.copyOf(upkeepFailures);
    }

    public MirrorResult(String mirror, Outcome outcome, long rows, Long version, long millis, String message) {
        this(mirror, outcome, rows, version, millis, message, null, null, java.util.List.of(),
                java.util.Optional.empty(), 0, com.summitlakehouse.delta.StoreRequests.NONE);
    }

    /** Upkeep steps that failed, with nothing known of what the sweep would have done. */
    public MirrorResult withUpkeepFailures(java.util.List<String> failures) {
        return new MirrorResult(mirror, outcome, rows, version, millis, message, catalog, catalogProblem, failures,
                sweep, lostRaces, requests);
    }

    /** What table upkeep did after (or, for an unchanged table, instead of) a commit. */
    public MirrorResult withUpkeep(com.summitlakehouse.delta.Sweep done, java.util.List<String> failures) {
        return new MirrorResult(mirror, outcome, rows, version, millis, message, catalog, catalogProblem, failures,
                java.util.Optional.of(done), lostRaces, requests);
    }

    /**
     * How often this run lost the commit race to another writer (a second replica) and ran again on its version:
     * counted, not a failure.
     */
    public MirrorResult withLostRaces(int lost) {
        return new MirrorResult(mirror, outcome, rows, version, millis, message, catalog, catalogProblem,
                upkeepFailures, sweep, lost, requests);
    }

    /** What the run asked of the table's store (lists, reads, writes, deletes). */
    public MirrorResult withRequests(com.summitlakehouse.delta.StoreRequests made) {
        return new MirrorResult(mirror, outcome, rows, version, millis, message, catalog, catalogProblem,
                upkeepFailures, sweep, lostRaces, made);
    }

    /** The data failed, or the data stands but the catalog was not updated: either way the run must show it. */
    public boolean failed() {
        return outcome == Outcome.FAILED || catalogProblem != null;
    }

    public MirrorResult withCatalog(String status, String problem) {
        return new MirrorResult(mirror, outcome, rows, version, millis, message, status, problem, upkeepFailures,
                sweep, lostRaces, requests);
    }

    public String summary() {
        java.util.List<String> notes = new java.util.ArrayList<>();
        if (message != null) {
            notes.add(message);
        }
        if (catalogProblem != null) {
            notes.add("catalog not updated: " + catalogProblem);
        }
        sweep.filter(done -> done.purged() > 0).ifPresent(done -> notes.add("purged " + done.purged() + " files"));
        upkeepFailures.forEach(failure -> notes.add("upkeep: " + failure));
        if (lostRaces > 0) {
            notes.add("ran again after another writer committed first"
                    + (lostRaces > 1 ? " (" + lostRaces + "x)" : ""));
        }
        return String.format("mirror %s: %s rows=%d version=%s duration=%dms%s%s store[%s]", mirror,
                outcome.name().toLowerCase(java.util.Locale.ROOT), rows, version == null ? "-" : version, millis,
                catalog == null ? "" : " catalog=" + catalog,
                notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")", requests);
    }
}

package bench.freshness;

/** One action followed into its gold table: seconds to the version that shows it, or the timeout when none did. */
record Outcome(ActionKind kind, String target, double seconds, long version, boolean seen) {
}

package com.summitlakehouse.mirror.source;

/** One group of a source view's rows in a snapshot: its name, its row count, and the fingerprint of its rows. */
public record SourceGroup(String name, long rows, String fingerprint) {
}

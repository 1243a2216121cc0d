package com.summitlakehouse.ops.posts;

/** What one ingestion batch did: new posts, changed posts, and posts that were already exactly as sent. */
public record UpsertCounts(long inserted, long updated, long unchanged) {
}

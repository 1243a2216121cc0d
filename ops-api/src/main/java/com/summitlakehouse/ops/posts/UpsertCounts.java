package com.summitlakehouse.ops.posts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What one ingestion batch did: new posts, changed posts, and posts that were already exactly as sent. */
public record UpsertCounts(
        long inserted,
        long updated,
        long unchanged,
        @Schema(description = "New posts made visible by the reviewed allowlist (each one in the audit trail)")
        long autoApproved,
        @Schema(description = "Visible posts whose public content changed and which went back to review (hidden)")
        long sentBackToReview) {
}

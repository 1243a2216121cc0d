package com.summitlakehouse.ops.posts;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of a moderation PATCH. */
public record VisibilityChange(Boolean isVisible,
        @Schema(nullable = true, description = "One of the configured reasons (ops.moderation.approve-reasons or "
                + "hide-reasons)") String reason) {
}

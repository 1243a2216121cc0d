package com.summitlakehouse.ops.posts;

/** The body of a moderation PATCH. */
public record VisibilityChange(Boolean isVisible) {
}

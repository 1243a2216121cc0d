package com.summitlakehouse.ops.problems;

/** One offending input field: its JSON path (for example {@code [3].permalink}) and what is wrong with it. */
public record FieldError(String field, String message) {
}

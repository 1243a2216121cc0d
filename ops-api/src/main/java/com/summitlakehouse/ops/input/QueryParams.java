package com.summitlakehouse.ops.input;

import com.summitlakehouse.ops.problems.ApiProblem;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Query parameters arrive as text and are parsed here, so that a bad value answers 400 naming the parameter
 * (JAX-RS itself would answer 404 for an unparsable numeric parameter).
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intInRange(String field, String value, int defaultValue, int min, int max) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw ApiProblem.invalid(field, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid(field, "must be an integer between " + min + " and " + max);
        }
    }

    public static OffsetDateTime timestamp(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalid(field, "must be an RFC 3339 timestamp such as 2026-07-04T18:00:00Z");
        }
    }
}

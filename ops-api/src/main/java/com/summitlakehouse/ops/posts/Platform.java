package com.summitlakehouse.ops.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.summitlakehouse.ops.common.ApiProblem;
import java.util.Arrays;
import java.util.Locale;

/** The social platforms the feed ingests; the database holds the same list as a CHECK constraint. */
public enum Platform {
    INSTAGRAM, TIKTOK, X, FACEBOOK, YOUTUBE, THREADS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire();
    }

    /** Parses a query or path parameter; 400 naming {@code field} when unknown. */
    public static Platform parse(String field, String value) {
        for (Platform platform : values()) {
            if (platform.wire().equals(value)) {
                return platform;
            }
        }
        throw ApiProblem.invalid(field, "must be one of " + Arrays.toString(values()));
    }
}

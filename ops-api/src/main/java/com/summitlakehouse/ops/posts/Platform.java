package com.summitlakehouse.ops.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import com.summitlakehouse.ops.json.WireValue;
import java.util.Locale;

/** The social platforms the feed ingests; the database holds the same list as a CHECK constraint. */
public enum Platform implements WireValue {
    INSTAGRAM, TIKTOK, X, FACEBOOK, YOUTUBE, THREADS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    @JsonValue
    @Override
    public String wire() {
        return wire;
    }

    @Override
    public String toString() {
        return wire();
    }

    /** Parses a query or path parameter; 400 naming {@code field} when unknown. */
    public static Platform parse(String field, String value) {
        return WireValue.parse(field, value, values());
    }
}

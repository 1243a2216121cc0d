package com.summitlakehouse.ops.paging;

import com.summitlakehouse.ops.problems.ApiProblem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * An opaque keyset position: the sort timestamp (microseconds, as PostgreSQL stores it) and the row id that breaks ties.
 */
public record Cursor(OffsetDateTime at, long id) {

    /**
     * Past every real timestamp and id: the position of a first page. Every page query then has the same shape,
     * {@code (at, id) < ($at, $id)}, one prepared statement for the first page and the later ones.
     */
    public static final Cursor START = new Cursor(OffsetDateTime.parse("9999-12-31T00:00:00Z"), Long.MAX_VALUE);

    /** Where a page starts: after {@code before}, or at the start when there is none. */
    public static Cursor after(Cursor before) {
        return before == null ? START : before;
    }

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a cursor from the query parameter {@code field}; null when absent, 400 when malformed. */
    public static Cursor decode(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            long id = Long.parseLong(text.substring(colon + 1));
            if (id < 0) {
                throw new IllegalArgumentException("negative id");
            }
            Instant at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            return new Cursor(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), id);
        } catch (RuntimeException e) {
            throw ApiProblem.invalid(field, "is not a cursor returned by this API");
        }
    }
}

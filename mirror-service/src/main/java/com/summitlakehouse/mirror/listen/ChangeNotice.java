package com.summitlakehouse.mirror.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.mirror.source.SourceGrouping;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What one notification on {@value #CHANNEL} says (see ops-api's migrations V12 and V13): which view changed and in
 * which UTC hours of which column ({@code 2026-05-04T13}); {@code hours} empty: any hour. A payload names the hours
 * since V13; one of V12 (a database not migrated yet) names days only, and each day stands for its 24 hours.
 */
record ChangeNotice(String view, String column, Optional<Set<String>> hours, boolean withdrawn) {

    static final String CHANNEL = "public_changes";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Fails with a message naming what is wrong with the payload; the payload itself is not repeated. */
    static ChangeNotice parse(String payload) {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("the payload is not JSON");
        }
        if (root == null || !root.path("view").isTextual() || !root.path("column").isTextual()) {
            throw new IllegalArgumentException("the payload has no text fields view and column");
        }
        Optional<Set<String>> hours = list(root, "hours", "a UTC hour (2026-05-04T13)",
                text -> Set.of(SourceGrouping.hourName(SourceGrouping.hour(text))));
        // Checked even when hours are given: a payload with a garbled field is not one the triggers sent.
        Optional<Set<String>> days = list(root, "days", "an ISO date", ChangeNotice::hoursOf);
        return new ChangeNotice(root.get("view").asText(), root.get("column").asText(),
                hours.isPresent() ? hours : days, root.path("withdrawn").asBoolean(false));
    }

    /** The hours the entries of array {@code field} stand for; empty when the field is null or absent. */
    private static Optional<Set<String>> list(JsonNode root, String field, String what,
            Function<String, Set<String>> hoursOf) {
        JsonNode entries = root.path(field);
        if (entries.isNull() || entries.isMissingNode()) {
            return Optional.empty();
        }
        if (!entries.isArray()) {
            throw new IllegalArgumentException(field + " is neither an array nor null");
        }
        Set<String> hours = new TreeSet<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                if (!entries.get(i).isTextual()) {
                    throw new DateTimeParseException("not text", entries.get(i).toString(), 0);
                }
                hours.addAll(hoursOf.apply(entries.get(i).asText()));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(field + "[" + i + "] is not " + what);
            }
        }
        return Optional.of(hours);
    }

    /** The 24 UTC hours of a day. */
    private static Set<String> hoursOf(String day) {
        LocalDate date = LocalDate.parse(day);
        Set<String> hours = new TreeSet<>();
        for (int hour = 0; hour < 24; hour++) {
            hours.add(SourceGrouping.hourName(date.atTime(hour, 0)));
        }
        return hours;
    }
}

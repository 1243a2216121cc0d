package com.summitlakehouse.mirror.listen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one notification on {@value #CHANNEL} says (see ops-api's migration V12): which view changed and on which
 * UTC days of which column; {@code days} empty: any day.
 */
record ChangeNotice(String view, String column, Optional<Set<String>> days, boolean withdrawn) {

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
        JsonNode days = root.path("days");
        Optional<Set<String>> named = Optional.empty();
        if (days.isArray()) {
            Set<String> parsed = new TreeSet<>();
            for (JsonNode day : days) {
                try {
                    parsed.add(LocalDate.parse(day.asText()).toString());
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("days[" + parsed.size() + "] is not an ISO date");
                }
            }
            named = Optional.of(parsed);
        } else if (!days.isNull() && !days.isMissingNode()) {
            throw new IllegalArgumentException("days is neither an array nor null");
        }
        return new ChangeNotice(root.get("view").asText(), root.get("column").asText(), named,
                root.path("withdrawn").asBoolean(false));
    }
}

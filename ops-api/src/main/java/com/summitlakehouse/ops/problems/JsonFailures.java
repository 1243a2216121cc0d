package com.summitlakehouse.ops.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;

/**
 * Says what was wrong with a request body Jackson could not read, in the caller's terms: the field (a JSON path)
 * and what it must be, never the Java type or the parser's own message.
 */
final class JsonFailures {

    private JsonFailures() {
    }

    static List<FieldError> describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? JsonPaths.of(mapping.getPath()) : "";
        String message;
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Unexpected end-of-input")) {
            field = "body";
            message = "malformed JSON: the body ends before the JSON does";
        } else if (e instanceof UnrecognizedPropertyException unknown) {
            field = JsonPaths.of(unknown.getPath());
            message = "unknown field";
        } else if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            message = "must be one of " + java.util.Arrays.toString(format.getTargetType().getEnumConstants())
                    .toLowerCase(java.util.Locale.ROOT);
        } else if (e instanceof InvalidFormatException format) {
            message = "is not a valid " + friendlyType(format.getTargetType());
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            message = "must be " + friendlyType(mismatch.getTargetType());
        } else {
            message = "malformed JSON" + (e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        return List.of(new FieldError(field.isEmpty() ? "body" : field, message));
    }

    private static String friendlyType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an RFC 3339 timestamp";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }
}

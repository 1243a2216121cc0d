package com.summitlakehouse.ops.console;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads the fields of the console's forms strictly. Anything a page of ours could not have sent is a
 * {@link BadFormException} (400 page). Targets travel as fields, never as path segments built from data, so a
 * stored value cannot turn a click into a request to another action.
 */
public final class ConsoleForm {

    private ConsoleForm() {
    }

    public static String required(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new BadFormException(field, "is required");
        }
        return value;
    }

    /** Comma-separated positive ids (an undo's audit entries), at most 100; nothing else. */
    public static java.util.List<Long> ids(String field, String value) {
        if (value == null || !value.matches("[1-9][0-9]{0,17}(,[1-9][0-9]{0,17}){0,99}")) {
            throw new BadFormException(field, "must be ids separated by commas");
        }
        return java.util.Arrays.stream(value.split(",")).map(Long::valueOf).toList();
    }

    /** "true" or "false", nothing else. */
    public static boolean bool(String field, String value) {
        if ("true".equals(value)) {
            return true;
        }
        if ("false".equals(value)) {
            return false;
        }
        throw new BadFormException(field, "must be true or false");
    }

    /**
     * The list position and filters a form returns to, as a query string rebuilt from {@code keys} alone: each
     * value decoded and encoded again, unknown keys dropped. Broken percent-encoding is a 400, never a 500.
     */
    public static String back(String field, String value, Set<String> keys) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        StringBuilder query = new StringBuilder();
        for (String pair : value.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key;
            String text;
            try {
                key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                text = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadFormException(field, "is not a query string this console wrote");
            }
            if (keys.contains(key) && !text.isEmpty()) {
                query.append(query.isEmpty() ? "" : "&").append(encode(key)).append('=').append(encode(text));
            }
        }
        return query.toString();
    }

    /** One query or path component, percent-encoded (spaces as %20, not '+'). */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

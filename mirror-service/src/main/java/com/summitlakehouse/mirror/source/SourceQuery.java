package com.summitlakehouse.mirror.source;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The SELECTs of one source view. Names come from configuration, never from a request, and are still checked
 * against a strict identifier pattern and quoted: no configuration can turn them into other SQL.
 */
record SourceQuery(String view) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    SourceQuery {
        for (String part : view.split("\\.", -1)) {
            checkIdentifier("source", part);
        }
    }

    String select(List<String> columns) {
        columns.forEach(column -> checkIdentifier("column", column));
        return "SELECT " + columns.stream().map(SourceQuery::quote).collect(Collectors.joining(", "))
                + " FROM " + Arrays.stream(view.split("\\.")).map(SourceQuery::quote)
                        .collect(Collectors.joining("."));
    }

    static void checkIdentifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new MirrorSourceException("Invalid " + what + " name '" + name + "'");
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}

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
        return "SELECT " + columnList(columns) + " FROM " + from();
    }

    /**
     * The rows of one group, its bounds written out ({@link SourceGrouping#literalCondition}): COPY takes no
     * parameters.
     */
    String selectGroup(List<String> columns, SourceGrouping grouping, String group) {
        return select(columns) + " WHERE " + grouping.literalCondition(group);
    }

    /**
     * The row count and the sum of the rows' 64-bit hashes of {@code changeColumns} (summed exactly, as numeric).
     * hash_record_extended hashes the values themselves, a third cheaper than hashing their text.
     */
    String fingerprint(List<String> changeColumns) {
        return "SELECT count(*), coalesce(sum(hash_record_extended(ROW(" + columnList(changeColumns) + "), 0)), 0)"
                + " FROM " + from();
    }

    /** As {@link #fingerprint}, per group: its key, its row count and its hash sum. */
    String groupFingerprints(List<String> changeColumns, SourceGrouping grouping) {
        return "SELECT grp, count(*), sum(hash_record_extended(ROW(" + columnList(changeColumns) + "), 0))"
                + " FROM (SELECT " + columnList(changeColumns) + ", " + grouping.keyExpression() + " AS grp FROM "
                + from() + ") AS t GROUP BY grp";
    }

    /** As {@link #fingerprint}, of one group only: {@link SourceGrouping#condition} with its parameters to bind. */
    String groupFingerprint(List<String> changeColumns, SourceGrouping grouping, String group) {
        return fingerprint(changeColumns) + " WHERE " + grouping.condition(group);
    }

    private String from() {
        return Arrays.stream(view.split("\\.")).map(SourceQuery::quote).collect(Collectors.joining("."));
    }

    private static String columnList(List<String> columns) {
        columns.forEach(column -> checkIdentifier("column", column));
        return columns.stream().map(SourceQuery::quote).collect(Collectors.joining(", "));
    }

    static void checkIdentifier(String what, String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new MirrorSourceException("Invalid " + what + " name '" + name + "'");
        }
    }

    static String quote(String identifier) {
        return '"' + identifier + '"';
    }
}

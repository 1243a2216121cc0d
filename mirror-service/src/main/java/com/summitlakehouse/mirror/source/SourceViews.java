package com.summitlakehouse.mirror.source;

import com.summitlakehouse.delta.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the catalog says about a source view: its columns, their types and their comments. */
public final class SourceViews {

    static final String COLUMNS = """
            SELECT a.attname AS name,
                   format_type(a.atttypid, a.atttypmod) AS type,
                   col_description(a.attrelid, a.attnum) AS description
              FROM pg_attribute a
             WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum""";

    private static final Map<String, ColumnType> TYPES = Map.of(
            "text", ColumnType.STRING,
            "character varying", ColumnType.STRING,
            "integer", ColumnType.INTEGER,
            "bigint", ColumnType.LONG,
            "boolean", ColumnType.BOOLEAN,
            "date", ColumnType.DATE,
            "timestamp with time zone", ColumnType.TIMESTAMP,
            "text[]", ColumnType.STRING_ARRAY);

    private SourceViews() {
    }

    /** The allowlisted columns of {@code view}, in allowlist order; fails naming any column that is missing. */
    /** The view's own comment (COMMENT ON VIEW), which becomes its gold table's comment; empty when it has none. */
    public static String comment(Connection connection, String view) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT obj_description(to_regclass(?), 'pg_class')")) {
            statement.setString(1, view);
            try (var result = statement.executeQuery()) {
                return result.next() && result.getString(1) != null ? result.getString(1) : "";
            }
        }
    }

    public static List<SourceColumn> describe(Connection connection, String view, List<String> allowlist)
            throws SQLException {
        Map<String, SourceColumn> available = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, view);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString("name");
                    String type = rows.getString("type");
                    available.put(name, new SourceColumn(name, type, TYPES.get(type), rows.getString("description")));
                }
            }
        }
        if (available.isEmpty()) {
            throw new MirrorSourceException("Source view " + view + " does not exist or is not readable");
        }
        List<SourceColumn> columns = new ArrayList<>();
        for (String name : allowlist) {
            SourceColumn column = available.get(name);
            if (column == null) {
                throw new MirrorSourceException("Column " + name + " is not in " + view + " (it has "
                        + String.join(", ", available.keySet()) + ")");
            }
            if (column.type() == null) {
                throw new MirrorSourceException("Column " + view + "." + name + " has type " + column.postgresType()
                        + ", which gold tables do not support");
            }
            if (column.description() == null || column.description().isBlank()) {
                throw new MirrorSourceException("Column " + view + "." + name
                        + " has no comment; every gold column needs a description");
            }
            columns.add(column);
        }
        return columns;
    }
}

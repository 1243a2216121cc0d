package com.summitlakehouse.mirror.source;

import com.summitlakehouse.delta.ColumnType;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How a source view's rows split into groups: by the UTC day of one date or timestamp column, for example the day a
 * post was published. New posts and the engagement that changes in their first days fall into the newest groups,
 * so a run rewrites a few groups however large the table grows; a day of posts also makes files near the target
 * size. Group names are ISO dates, and {@value #NULL_GROUP} for rows without a day.
 */
public record SourceGrouping(SourceColumn column) {

    static final String NULL_GROUP = "none";

    public SourceGrouping {
        if (column.type() != ColumnType.TIMESTAMP && column.type() != ColumnType.DATE) {
            throw new MirrorSourceException("Group column " + column.name() + " has type " + column.postgresType()
                    + "; rows can only be grouped by a date or timestamp column");
        }
    }

    /** What decides the groups, for the table's layout signature: another grouping means a full rewrite. */
    String signature() {
        return "utc-day(" + column.name() + ")";
    }

    /** The SQL expression of a row's group (a date, or NULL). */
    String keyExpression() {
        String quoted = SourceQuery.quote(column.name());
        return column.type() == ColumnType.TIMESTAMP ? "((" + quoted + " AT TIME ZONE 'UTC')::date)" : quoted;
    }

    static String name(LocalDate day) {
        return day == null ? NULL_GROUP : day.toString();
    }

    /** The WHERE condition that selects one group's rows, written so that the column's index serves it. */
    String condition(String group) {
        String quoted = SourceQuery.quote(column.name());
        if (group.equals(NULL_GROUP)) {
            return quoted + " IS NULL";
        }
        return column.type() == ColumnType.TIMESTAMP ? quoted + " >= ? AND " + quoted + " < ?" : quoted + " = ?";
    }

    /** Binds {@link #condition}'s parameters for {@code group}. */
    void bind(PreparedStatement statement, String group) throws SQLException {
        if (group.equals(NULL_GROUP)) {
            return;
        }
        LocalDate day = LocalDate.parse(group);
        if (column.type() == ColumnType.TIMESTAMP) {
            statement.setObject(1, day.atStartOfDay().atOffset(ZoneOffset.UTC));
            statement.setObject(2, day.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(1, day);
        }
    }
}

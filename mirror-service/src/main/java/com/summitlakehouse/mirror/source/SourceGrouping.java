package com.summitlakehouse.mirror.source;

import com.summitlakehouse.delta.ColumnType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How a source view's rows split into groups: by the UTC hour of a timestamp column (the hour a post was published),
 * or by the day of a date column, which has no hours. A group is a bounded slice: at 10 million posts over 35 days
 * an hour holds about 12,000 rows, where a day held 143,000 at half that size, so hiding an old post or an ingestion
 * batch on the newest posts rewrites a few small groups however large the table grows. Group names are
 * {@code 2026-05-04T13} (hours) or {@code 2026-05-04} (days), and {@value #NULL_GROUP} for rows without one.
 */
public record SourceGrouping(SourceColumn column) {

    static final String NULL_GROUP = "none";
    private static final DateTimeFormatter HOUR = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH")
            .parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0).toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    public SourceGrouping {
        if (column.type() != ColumnType.TIMESTAMP && column.type() != ColumnType.DATE) {
            throw new MirrorSourceException("Group column " + column.name() + " has type " + column.postgresType()
                    + "; rows can only be grouped by a date or timestamp column");
        }
    }

    /** The name of a UTC hour, as groups and change notifications name it. */
    public static String hourName(LocalDateTime hour) {
        return hour.truncatedTo(ChronoUnit.HOURS).format(HOUR);
    }

    /** The UTC hour a name such as {@code 2026-05-04T13} stands for; a {@link DateTimeParseException} otherwise. */
    public static LocalDateTime hour(String name) {
        return LocalDateTime.parse(name, HOUR);
    }

    /** What decides the groups, for the table's layout signature: another grouping means a full rewrite. */
    String signature() {
        return (hourly() ? "utc-hour(" : "utc-day(") + column.name() + ")";
    }

    /** The SQL expression of a row's group (a timestamp truncated to its UTC hour, a date, or NULL). */
    String keyExpression() {
        String quoted = SourceQuery.quote(column.name());
        return hourly() ? "date_trunc('hour', " + quoted + " AT TIME ZONE 'UTC')" : quoted;
    }

    /** The group name of {@link #keyExpression}'s value in column {@code index} of the current row. */
    String name(ResultSet result, int index) throws SQLException {
        if (hourly()) {
            LocalDateTime hour = result.getObject(index, LocalDateTime.class);
            return hour == null ? NULL_GROUP : hourName(hour);
        }
        LocalDate day = result.getObject(index, LocalDate.class);
        return day == null ? NULL_GROUP : day.toString();
    }

    /** The group that rows of a notified UTC hour are in: the hour itself, or its day for a date column. */
    String groupOf(String notifiedHour) {
        LocalDateTime hour = hour(notifiedHour);
        return hourly() ? hourName(hour) : hour.toLocalDate().toString();
    }

    /** The WHERE condition that selects one group's rows, written so that the column's index serves it. */
    String condition(String group) {
        String quoted = SourceQuery.quote(column.name());
        if (group.equals(NULL_GROUP)) {
            return quoted + " IS NULL";
        }
        return hourly() ? quoted + " >= ? AND " + quoted + " < ?" : quoted + " = ?";
    }

    /**
     * As {@link #condition}, with the bounds written out: COPY takes no parameters. The literals are printed from the
     * parsed hour or day, never from the name as given.
     */
    String literalCondition(String group) {
        String quoted = SourceQuery.quote(column.name());
        if (group.equals(NULL_GROUP)) {
            return quoted + " IS NULL";
        }
        if (hourly()) {
            LocalDateTime hour = hour(group);
            return quoted + " >= '" + hour + ":00Z'::timestamptz AND " + quoted + " < '" + hour.plusHours(1)
                    + ":00Z'::timestamptz";
        }
        return quoted + " = DATE '" + LocalDate.parse(group) + "'";
    }

    /** Binds {@link #condition}'s parameters for {@code group}. */
    void bind(PreparedStatement statement, String group) throws SQLException {
        if (group.equals(NULL_GROUP)) {
            return;
        }
        if (hourly()) {
            LocalDateTime hour = hour(group);
            statement.setObject(1, hour.atOffset(ZoneOffset.UTC));
            statement.setObject(2, hour.plusHours(1).atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(1, LocalDate.parse(group));
        }
    }

    private boolean hourly() {
        return column.type() == ColumnType.TIMESTAMP;
    }
}

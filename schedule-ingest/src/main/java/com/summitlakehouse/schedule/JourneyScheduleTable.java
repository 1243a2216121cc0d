package com.summitlakehouse.schedule;

import com.summitlakehouse.delta.Column;
import com.summitlakehouse.delta.ColumnType;
import com.summitlakehouse.delta.TableSchema;

/** The gold journey_schedule table: one row per stop, every column described for analysts and NL-to-SQL. */
final class JourneyScheduleTable {

    static final TableSchema SCHEMA = TableSchema.of(
            new Column("week", ColumnType.INTEGER, false, "Week of the journey, starting at 1"),
            new Column("day", ColumnType.INTEGER, true, "Day of the journey (1 to 35); null when the workbook leaves it blank"),
            new Column("stop_date", ColumnType.DATE, false, "Calendar date of the stop"),
            new Column("city", ColumnType.STRING, false, "City of the stop"),
            new Column("state", ColumnType.STRING, true, "State or province of the city"),
            new Column("venue", ColumnType.STRING, true, "Venue or meeting point of the stop"),
            new Column("is_overnight", ColumnType.BOOLEAN, false, "True when the team stays the night in this city"),
            new Column("event_type", ColumnType.STRING, false, "overnight when the team stays the night, otherwise pit_stop"),
            new Column("miles", ColumnType.INTEGER, true, "Miles driven to reach this stop"),
            new Column("notes", ColumnType.STRING, true, "Free-text notes from the schedule workbook"),
            new Column("source_row", ColumnType.INTEGER, false, "Row number of the stop in the source workbook, as Excel shows it"));

    private JourneyScheduleTable() {
    }
}

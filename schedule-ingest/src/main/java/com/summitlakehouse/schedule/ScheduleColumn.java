package com.summitlakehouse.schedule;

import java.util.Locale;
import java.util.Optional;

/** The columns a schedule workbook may have. Header names match case-insensitively, with spaces, hyphens and
 * underscores equivalent ("Stop Date" = stop_date). */
enum ScheduleColumn {
    WEEK(true), DAY(false), STOP_DATE(true), CITY(true), STATE(false), VENUE(false), IS_OVERNIGHT(true),
    MILES(false), NOTES(false);

    final boolean required;

    ScheduleColumn(boolean required) {
        this.required = required;
    }

    String header() {
        return name().toLowerCase(Locale.ROOT);
    }

    static String normalise(String header) {
        return header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]+", "_");
    }

    static Optional<ScheduleColumn> forHeader(String header) {
        String normalised = normalise(header);
        for (ScheduleColumn column : values()) {
            if (column.header().equals(normalised)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }
}

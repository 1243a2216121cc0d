package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.data.Row;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The groups of a grouped table that a data file holds rows of. A file this writer wrote for one group lives under
 * that group's directory ({@code group-<name>/}) and holds its rows only. Any other file (another engine's OPTIMIZE,
 * ZORDER BY, UPDATE) is placed by its own statistics on the group column, which every Delta writer records (the
 * table's statistics columns keep it): every group from its minimum to its maximum, where a timestamp column's
 * groups are UTC hours ({@code 2026-05-04T13}) and a date column's are days ({@code 2026-05-04}), and
 * {@value #NO_GROUP} holds rows without a value. A file that neither says cannot be placed.
 */
final class FileGroups {

    static final String NO_GROUP = "none";
    /** More hours (days) than this in one file: it spans the table, and only a whole rewrite is safe. */
    private static final int MAX_HOURS = 100_000;
    private static final int MAX_DAYS = 100_000;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH", Locale.ROOT);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FileGroups() {
    }

    /** The groups the scan file's rows are in; empty when neither its place nor its statistics say. */
    static Optional<Set<String>> of(Row scanFile, Optional<String> groupColumn) {
        return of(KernelInternals.loggedPath(scanFile), KernelInternals.statistics(scanFile), groupColumn);
    }

    /** As {@link #of(Row, Optional)}, for a file known by its logged path and statistics. */
    static Optional<Set<String>> of(String loggedPath, Optional<String> stats, Optional<String> groupColumn) {
        Optional<String> ours = RowGroup.ofFile(loggedPath);
        if (ours.isPresent()) {
            return Optional.of(Set.of(ours.get()));
        }
        return groupColumn.flatMap(column -> byStatistics(stats, column));
    }

    private static Optional<Set<String>> byStatistics(Optional<String> stats, String groupColumn) {
        if (stats.isEmpty()) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(stats.get());
            long records = node.path("numRecords").asLong(-1);
            long nulls = node.path("nullCount").path(groupColumn).asLong(-1);
            if (records < 0 || nulls < 0) {
                return Optional.empty();
            }
            Set<String> groups = new TreeSet<>();
            if (nulls > 0) {
                groups.add(NO_GROUP);
            }
            if (nulls == records) {
                return Optional.of(groups);
            }
            JsonNode min = node.path("minValues").path(groupColumn);
            JsonNode max = node.path("maxValues").path(groupColumn);
            Optional<Set<String>> range = isDate(min) && isDate(max) ? days(min.asText(), max.asText())
                    : hours(hour(min), hour(max));
            if (range.isEmpty()) {
                return Optional.empty();
            }
            groups.addAll(range.get());
            return Optional.of(groups);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A date statistic ({@code 2026-05-04}) rather than a timestamp one. */
    private static boolean isDate(JsonNode value) {
        return value.isTextual() && value.asText().length() == 10;
    }

    private static Optional<Set<String>> days(String minText, String maxText) {
        try {
            LocalDate min = LocalDate.parse(minText);
            LocalDate max = LocalDate.parse(maxText);
            if (max.isBefore(min) || min.plusDays(MAX_DAYS).isBefore(max)) {
                return Optional.empty();
            }
            Set<String> days = new TreeSet<>();
            for (LocalDate day = min; !day.isAfter(max); day = day.plusDays(1)) {
                days.add(day.toString());
            }
            return Optional.of(days);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Set<String>> hours(Optional<LocalDateTime> min, Optional<LocalDateTime> max) {
        if (min.isEmpty() || max.isEmpty() || max.get().isBefore(min.get())
                || min.get().plusHours(MAX_HOURS).isBefore(max.get())) {
            return Optional.empty();
        }
        Set<String> hours = new TreeSet<>();
        for (LocalDateTime hour = min.get(); !hour.isAfter(max.get()); hour = hour.plusHours(1)) {
            hours.add(hour.format(HOUR));
        }
        return Optional.of(hours);
    }

    /**
     * A timestamp statistic ({@code 2026-05-04T13:30:00.000Z}, or with the offset of the writer's session time zone)
     * as the UTC hour it falls in. Statistics are cut to milliseconds, never across an hour.
     */
    private static Optional<LocalDateTime> hour(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC)
                    .toLocalDateTime().truncatedTo(ChronoUnit.HOURS));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package com.summitlakehouse.delta;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.data.Row;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The groups of a grouped table that a data file holds rows of. A file this writer wrote for one group lives under
 * that group's directory ({@code group-<name>/}) and holds its rows only. Any other file (another engine's OPTIMIZE,
 * ZORDER BY, UPDATE) is placed by its own statistics on the group column, which every Delta writer records (the
 * table's statistics columns keep it): for a table grouped by UTC day (ISO-named groups, {@value #NO_DAY} for rows
 * without a day), the days from its minimum to its maximum. A file that neither says cannot be placed.
 */
final class FileGroups {

    static final String NO_DAY = "none";
    /** More days than this in one file: the file spans the table, and every group is in it. */
    private static final int MAX_DAYS = 100_000;
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
                groups.add(NO_DAY);
            }
            if (nulls == records) {
                return Optional.of(groups);
            }
            Optional<LocalDate> min = day(node.path("minValues").path(groupColumn));
            Optional<LocalDate> max = day(node.path("maxValues").path(groupColumn));
            if (min.isEmpty() || max.isEmpty() || max.get().isBefore(min.get())
                    || min.get().plusDays(MAX_DAYS).isBefore(max.get())) {
                return Optional.empty();
            }
            for (LocalDate day = min.get(); !day.isAfter(max.get()); day = day.plusDays(1)) {
                groups.add(day.toString());
            }
            return Optional.of(groups);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A date statistic ({@code 2026-05-04}) or a timestamp one ({@code 2026-05-04T00:30:00.000Z}), as a UTC day. */
    private static Optional<LocalDate> day(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        String text = value.asText();
        try {
            return Optional.of(text.length() == 10 ? LocalDate.parse(text)
                    : OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        } catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.ofInstant(Instant.parse(text), ZoneOffset.UTC));
            } catch (DateTimeParseException notATimestamp) {
                return Optional.empty();
            }
        }
    }
}

package com.summitlakehouse.schedule;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Reads the schedule out of a sheet's cells: finds the header row (the first row naming every required column),
 * applies merged regions (every cell of a region holds the region's value), and skips fully blank rows.
 */
final class ScheduleSheet {

    private ScheduleSheet() {
    }

    static SheetRows interpret(SheetGrid sheet) {
        Map<Long, CellValue> merged = mergedValues(sheet);
        Map<ScheduleColumn, Integer> columns = null;
        List<String> ignored = new ArrayList<>();
        int headerRow = -1;
        List<SheetRows.RawRow> rows = new ArrayList<>();
        boolean sawAnything = false;
        for (SheetGrid.Row row : sheet.rows()) {
            if (columns == null) {
                sawAnything |= !row.isBlank();
                columns = header(row, ignored);
                if (columns != null) {
                    headerRow = row.index() + 1;
                }
                continue;
            }
            Map<ScheduleColumn, CellValue> cells = new EnumMap<>(ScheduleColumn.class);
            columns.forEach((column, index) -> cells.put(column, value(row, index, merged)));
            if (!row.isBlank()) {
                rows.add(new SheetRows.RawRow(row.index() + 1, cells));
            }
        }
        String where = "Sheet '" + sheet.name() + "'";
        if (!sawAnything && columns == null) {
            throw new BadInputException(where + " is empty");
        }
        if (columns == null) {
            throw new BadInputException(where + " has no header row naming the required columns "
                    + required() + "; " + missingColumnsHint(sheet));
        }
        return new SheetRows(sheet.name(), headerRow, columns, ignored, rows);
    }

    /** The column of each schedule header in this row, or null when the row does not name every required column. */
    private static Map<ScheduleColumn, Integer> header(SheetGrid.Row row, List<String> ignored) {
        Map<ScheduleColumn, Integer> columns = new EnumMap<>(ScheduleColumn.class);
        List<String> unknown = new ArrayList<>();
        for (int c = 0; c < row.cells().length; c++) {
            int index = c;
            if (row.get(c).value() instanceof String text) {
                ScheduleColumn.forHeader(text).ifPresentOrElse(
                        column -> columns.putIfAbsent(column, index), () -> unknown.add(text));
            }
        }
        for (ScheduleColumn column : ScheduleColumn.values()) {
            if (column.required && !columns.containsKey(column)) {
                return null;
            }
        }
        ignored.addAll(unknown);
        return columns;
    }

    /** For the error message: the row that came closest to being a header, and what it lacked. */
    private static String missingColumnsHint(SheetGrid sheet) {
        int best = -1;
        List<String> bestMissing = required();
        for (SheetGrid.Row row : sheet.rows()) {
            List<String> missing = new ArrayList<>(required());
            for (CellValue cell : row.cells()) {
                if (cell != null && cell.value() instanceof String text) {
                    ScheduleColumn.forHeader(text).ifPresent(c -> missing.remove(c.header()));
                }
            }
            if (missing.size() < bestMissing.size()) {
                best = row.index() + 1;
                bestMissing = missing;
            }
        }
        return best < 0 ? "no row names any of them"
                : "row " + best + " comes closest but lacks " + String.join(", ", bestMissing);
    }

    private static List<String> required() {
        List<String> names = new ArrayList<>();
        for (ScheduleColumn column : ScheduleColumn.values()) {
            if (column.required) {
                names.add(column.header());
            }
        }
        return names;
    }

    private static CellValue value(SheetGrid.Row row, int column, Map<Long, CellValue> merged) {
        CellValue fromRegion = merged.get(key(row.index(), column));
        return fromRegion != null ? fromRegion : row.get(column);
    }

    /** The value of each merged region's top-left cell, for every cell the region covers (within the used rows). */
    private static Map<Long, CellValue> mergedValues(SheetGrid sheet) {
        Map<Integer, SheetGrid.Row> byIndex = new HashMap<>();
        sheet.rows().forEach(row -> byIndex.put(row.index(), row));
        Map<Long, CellValue> values = new HashMap<>();
        int lastRow = sheet.lastRowIndex();
        for (CellRangeAddress region : sheet.mergedRegions()) {
            SheetGrid.Row top = byIndex.get(region.getFirstRow());
            CellValue value = top == null ? CellValue.BLANK : top.get(region.getFirstColumn());
            for (int r = region.getFirstRow(); r <= Math.min(region.getLastRow(), lastRow); r++) {
                for (int c = region.getFirstColumn(); c <= Math.min(region.getLastColumn(), 255); c++) {
                    values.put(key(r, c), value);
                }
            }
        }
        return values;
    }

    private static long key(int row, int column) {
        return ((long) row << 20) | column;
    }
}

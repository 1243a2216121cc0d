package com.summitlakehouse.schedule;

import java.util.List;
import java.util.Map;

/** The rows under a schedule sheet's header, with the columns the header named. */
record SheetRows(String sheet, int headerRow, Map<ScheduleColumn, Integer> columns, List<String> ignoredHeaders,
        List<RawRow> rows) {

    /** One non-blank row: its number as Excel shows it, and its cells by column. */
    record RawRow(int excelRow, Map<ScheduleColumn, CellValue> cells) {
        CellValue get(ScheduleColumn column) {
            return cells.getOrDefault(column, CellValue.BLANK);
        }
    }
}

package com.summitlakehouse.schedule;

import java.util.List;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * A sheet as its file lists it: the rows that exist (0-based index, cells by 0-based column; a row of formatted but
 * empty cells exists too), and the merged regions, which the file lists after the rows.
 */
record SheetGrid(String name, List<Row> rows, List<CellRangeAddress> mergedRegions) {

    record Row(int index, CellValue[] cells) {
        CellValue get(int column) {
            return column < cells.length && cells[column] != null ? cells[column] : CellValue.BLANK;
        }

        /** Blank when no cell of its own holds a value; a merged region reaching into the row does not count. */
        boolean isBlank() {
            for (CellValue cell : cells) {
                if (cell != null && !cell.isBlank()) {
                    return false;
                }
            }
            return true;
        }
    }

    int lastRowIndex() {
        return rows.isEmpty() ? -1 : rows.get(rows.size() - 1).index();
    }
}

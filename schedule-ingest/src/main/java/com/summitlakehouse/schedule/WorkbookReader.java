package com.summitlakehouse.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads the schedule sheet of an .xlsx workbook: finds the header row (the first row naming every required
 * column), applies merged regions (every cell of a region holds the region's value), and skips fully blank rows.
 */
final class WorkbookReader {

    private WorkbookReader() {
    }

    static SheetRows read(Path file, String sheetName) {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
                XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
            Sheet sheet = pick(workbook, sheetName);
            return read(sheet);
        } catch (NotOfficeXmlFileException | InvalidFormatException
                | EmptyFileException | org.apache.poi.ooxml.POIXMLException e) {
            throw new BadInputException(file.getFileName() + " is not an .xlsx workbook");
        } catch (IOException e) {
            throw new BadInputException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Sheet pick(XSSFWorkbook workbook, String sheetName) {
        if (workbook.getNumberOfSheets() == 0) {
            throw new BadInputException("The workbook has no sheets");
        }
        if (sheetName == null || sheetName.isBlank()) {
            return workbook.getSheetAt(0);
        }
        Sheet sheet = workbook.getSheet(sheetName);
        if (sheet == null) {
            List<String> names = new ArrayList<>();
            workbook.forEach(s -> names.add(s.getSheetName()));
            throw new BadInputException("The workbook has no sheet '" + sheetName + "' (it has " + names + ")");
        }
        return sheet;
    }

    private static SheetRows read(Sheet sheet) {
        Map<Long, CellValue> merged = mergedValues(sheet);
        Map<ScheduleColumn, Integer> columns = null;
        List<String> ignored = new ArrayList<>();
        int headerRow = -1;
        List<SheetRows.RawRow> rows = new ArrayList<>();
        boolean sawAnything = false;
        for (Row row : sheet) {
            if (columns == null) {
                sawAnything |= !isBlank(row);
                columns = header(row, ignored);
                if (columns != null) {
                    headerRow = row.getRowNum() + 1;
                }
                continue;
            }
            Map<ScheduleColumn, CellValue> cells = new EnumMap<>(ScheduleColumn.class);
            columns.forEach((column, index) -> cells.put(column, value(row, index, merged)));
            if (!isBlank(row)) {
                rows.add(new SheetRows.RawRow(row.getRowNum() + 1, cells));
            }
        }
        String where = "Sheet '" + sheet.getSheetName() + "'";
        if (!sawAnything && columns == null) {
            throw new BadInputException(where + " is empty");
        }
        if (columns == null) {
            throw new BadInputException(where + " has no header row naming the required columns "
                    + required() + "; " + missingColumnsHint(sheet));
        }
        return new SheetRows(sheet.getSheetName(), headerRow, columns, ignored, rows);
    }

    /** The column of each schedule header in this row, or null when the row does not name every required column. */
    private static Map<ScheduleColumn, Integer> header(Row row, List<String> ignored) {
        Map<ScheduleColumn, Integer> columns = new EnumMap<>(ScheduleColumn.class);
        List<String> unknown = new ArrayList<>();
        for (Cell cell : row) {
            CellValue value = CellValue.of(cell);
            if (value.value() instanceof String text) {
                ScheduleColumn.forHeader(text).ifPresentOrElse(
                        column -> columns.putIfAbsent(column, cell.getColumnIndex()), () -> unknown.add(text));
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
    private static String missingColumnsHint(Sheet sheet) {
        int best = -1;
        List<String> bestMissing = required();
        for (Row row : sheet) {
            List<String> missing = new ArrayList<>(required());
            for (Cell cell : row) {
                if (CellValue.of(cell).value() instanceof String text) {
                    ScheduleColumn.forHeader(text).ifPresent(c -> missing.remove(c.header()));
                }
            }
            if (missing.size() < bestMissing.size()) {
                best = row.getRowNum() + 1;
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

    private static CellValue value(Row row, int column, Map<Long, CellValue> merged) {
        CellValue fromRegion = merged.get(key(row.getRowNum(), column));
        return fromRegion != null ? fromRegion : CellValue.of(row.getCell(column));
    }

    /** Blank when no cell of its own holds a value; a merged region reaching into the row does not count. */
    private static boolean isBlank(Row row) {
        for (Cell cell : row) {
            if (!CellValue.of(cell).isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The value of each merged region's top-left cell, for every cell the region covers (within the used rows). */
    private static Map<Long, CellValue> mergedValues(Sheet sheet) {
        Map<Long, CellValue> values = new HashMap<>();
        int lastRow = sheet.getLastRowNum();
        for (CellRangeAddress region : sheet.getMergedRegions()) {
            Row top = sheet.getRow(region.getFirstRow());
            CellValue value = CellValue.of(top == null ? null : top.getCell(region.getFirstColumn()));
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

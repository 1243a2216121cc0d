package com.summitlakehouse.schedule;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes real .xlsx workbooks for tests and for the sample: cells from Java values (String, Number, Boolean,
 * LocalDate as a date-formatted cell, "=..." as a formula whose cached value is computed), merged regions, and
 * formatted-but-empty rows.
 */
final class WorkbookBuilder {

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final CellStyle dateStyle;
    private final CellStyle shaded;
    private Sheet sheet;

    WorkbookBuilder() {
        dateStyle = workbook.createCellStyle();
        dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("mm/dd/yyyy"));
        shaded = workbook.createCellStyle();
        shaded.setFillForegroundColor(org.apache.poi.ss.usermodel.IndexedColors.LIGHT_YELLOW.getIndex());
        shaded.setFillPattern(org.apache.poi.ss.usermodel.FillPatternType.SOLID_FOREGROUND);
    }

    WorkbookBuilder sheet(String name) {
        sheet = workbook.createSheet(name);
        return this;
    }

    /** Writes {@code values} into the row with this Excel number (1-based). */
    WorkbookBuilder row(int excelRow, Object... values) {
        Row row = sheet.createRow(excelRow - 1);
        for (int c = 0; c < values.length; c++) {
            Object value = values[c];
            if (value == null) {
                continue;
            }
            Cell cell = row.createCell(c);
            if (value instanceof LocalDate date) {
                cell.setCellValue(date);
                cell.setCellStyle(dateStyle);
            } else if (value instanceof Number number) {
                cell.setCellValue(number.doubleValue());
            } else if (value instanceof Boolean bool) {
                cell.setCellValue(bool);
            } else if (value instanceof String text && text.startsWith("=")) {
                cell.setCellFormula(text.substring(1));
            } else {
                cell.setCellValue(value.toString());
            }
        }
        return this;
    }

    /** A row whose cells carry formatting but no value, as spreadsheets leave below the data. */
    WorkbookBuilder formattedEmptyRow(int excelRow, int columns) {
        Row row = sheet.createRow(excelRow - 1);
        for (int c = 0; c < columns; c++) {
            row.createCell(c).setCellStyle(shaded);
        }
        return this;
    }

    /** Merges a region given in Excel notation, for example "A4:A10". */
    WorkbookBuilder merge(String region) {
        sheet.addMergedRegion(CellRangeAddress.valueOf(region));
        return this;
    }

    Path write(Path file) throws IOException {
        workbook.getCreationHelper().createFormulaEvaluator().evaluateAll();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            workbook.write(out);
        }
        workbook.close();
        return file;
    }
}

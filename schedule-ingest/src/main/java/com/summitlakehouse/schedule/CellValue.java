package com.summitlakehouse.schedule;

import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;

/**
 * What a cell holds, as the person editing the workbook sees it: text (trimmed), a number, a boolean, a date (a
 * date-formatted number), or nothing. Formula cells give their cached result.
 */
record CellValue(Object value) {

    static final CellValue BLANK = new CellValue(null);

    static CellValue of(Cell cell) {
        if (cell == null) {
            return BLANK;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> {
                String text = cell.getStringCellValue().strip();
                yield text.isEmpty() ? BLANK : new CellValue(text);
            }
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    LocalDateTime at = cell.getLocalDateTimeCellValue();
                    yield at == null ? BLANK : new CellValue(at.toLocalDate());
                }
                yield new CellValue(cell.getNumericCellValue());
            }
            case BOOLEAN -> new CellValue(cell.getBooleanCellValue());
            case ERROR -> new CellValue(new CellError(cell.getErrorCellValue()));
            default -> BLANK;
        };
    }

    boolean isBlank() {
        return value == null;
    }

    /** The value as a message quotes it. */
    String display() {
        if (value instanceof Double number && number == Math.rint(number) && !Double.isInfinite(number)) {
            return Long.toString(number.longValue());
        }
        return String.valueOf(value);
    }

    /** A formula whose cached result is an error (#REF!, #DIV/0!...). */
    record CellError(byte code) {
        @Override
        public String toString() {
            return org.apache.poi.ss.usermodel.FormulaError.forInt(code).getString();
        }
    }
}

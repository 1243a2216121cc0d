package com.summitlakehouse.schedule;

/**
 * What a cell holds, as the person editing the workbook sees it: text (trimmed), a number, a boolean, a date (a
 * date-formatted number), an error, or nothing. Formula cells give their cached result.
 */
record CellValue(Object value) {

    static final CellValue BLANK = new CellValue(null);

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

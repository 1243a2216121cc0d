package com.summitlakehouse.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.util.CellReference;

/**
 * Turns the raw rows of a schedule sheet into clean {@link ScheduleRow}s, or lists every problem (up to
 * {@value #MAX_ERRORS}) with sheet, Excel row, column and the offending value. Nothing is written unless all pass.
 */
final class ScheduleValidator {

    static final int MAX_ERRORS = 50;
    private static final DateTimeFormatter US_DATE =
            DateTimeFormatter.ofPattern("M/d/uuuu", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    private final SheetRows sheet;
    private final List<String> errors = new ArrayList<>();
    private int truncated;

    private ScheduleValidator(SheetRows sheet) {
        this.sheet = sheet;
    }

    static List<ScheduleRow> validate(SheetRows sheet) {
        return new ScheduleValidator(sheet).run();
    }

    private List<ScheduleRow> run() {
        if (sheet.rows().isEmpty()) {
            throw new BadInputException("Sheet '" + sheet.sheet() + "' has a header at row " + sheet.headerRow()
                    + " but no schedule rows under it");
        }
        List<ScheduleRow> rows = new ArrayList<>(sheet.rows().size());
        Integer week = null;
        for (SheetRows.RawRow raw : sheet.rows()) {
            CellValue weekCell = raw.get(ScheduleColumn.WEEK);
            // The workbook merges week cells vertically; a blank week continues the one above.
            Integer ownWeek = weekCell.isBlank() ? null : positiveInt(raw, ScheduleColumn.WEEK, 1);
            if (ownWeek != null) {
                week = ownWeek;
            } else if (weekCell.isBlank() && week == null) {
                error(raw, ScheduleColumn.WEEK, weekCell, "is blank and there is no week above it to continue");
            }
            Integer day = raw.get(ScheduleColumn.DAY).isBlank() ? null : positiveInt(raw, ScheduleColumn.DAY, 1);
            LocalDate date = date(raw);
            String city = text(raw, ScheduleColumn.CITY, true);
            String state = text(raw, ScheduleColumn.STATE, false);
            String venue = text(raw, ScheduleColumn.VENUE, false);
            Boolean overnight = overnight(raw);
            Integer miles = raw.get(ScheduleColumn.MILES).isBlank() ? null : positiveInt(raw, ScheduleColumn.MILES, 0);
            String notes = text(raw, ScheduleColumn.NOTES, false);
            if (week != null && date != null && city != null && overnight != null) {
                rows.add(new ScheduleRow(week, day, date, city, state, venue, overnight, miles, notes, raw.excelRow()));
            }
        }
        if (!errors.isEmpty()) {
            List<String> problems = new ArrayList<>(errors);
            if (truncated > 0) {
                problems.add("... and " + truncated + " more");
            }
            throw new BadInputException((errors.size() + truncated) + " problem(s) in sheet '" + sheet.sheet() + "'",
                    problems);
        }
        return rows;
    }

    private Integer positiveInt(SheetRows.RawRow raw, ScheduleColumn column, int min) {
        CellValue cell = raw.get(column);
        Long number = null;
        if (cell.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE) {
            number = d.longValue();
        } else if (cell.value() instanceof String text && text.matches("-?\\d{1,9}")) {
            number = Long.parseLong(text);
        }
        if (number == null) {
            error(raw, column, cell, "is not a whole number");
            return null;
        }
        if (number < min) {
            error(raw, column, cell, "must be at least " + min);
            return null;
        }
        return number.intValue();
    }

    private LocalDate date(SheetRows.RawRow raw) {
        CellValue cell = raw.get(ScheduleColumn.STOP_DATE);
        if (cell.value() instanceof LocalDate date) {
            return date;
        }
        if (cell.value() instanceof String text) {
            try {
                return LocalDate.parse(text, US_DATE);
            } catch (DateTimeParseException e) {
                error(raw, ScheduleColumn.STOP_DATE, cell, "is not a date in MM/dd/yyyy");
                return null;
            }
        }
        error(raw, ScheduleColumn.STOP_DATE, cell, cell.isBlank() ? "is required"
                : "is not a date (a date cell or text in MM/dd/yyyy)");
        return null;
    }

    private Boolean overnight(SheetRows.RawRow raw) {
        CellValue cell = raw.get(ScheduleColumn.IS_OVERNIGHT);
        if (cell.isBlank()) {
            return false;
        }
        if (cell.value() instanceof String text) {
            if (text.equalsIgnoreCase("Y")) {
                return true;
            }
            if (text.equalsIgnoreCase("N")) {
                return false;
            }
        }
        error(raw, ScheduleColumn.IS_OVERNIGHT, cell, "must be Y or N");
        return null;
    }

    private String text(SheetRows.RawRow raw, ScheduleColumn column, boolean required) {
        CellValue cell = raw.get(column);
        if (cell.isBlank()) {
            if (required) {
                error(raw, column, cell, "is required");
            }
            return null;
        }
        if (cell.value() instanceof CellValue.CellError) {
            error(raw, column, cell, "holds a formula error");
            return null;
        }
        String text = cell.display().strip();
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r')) {
            error(raw, column, cell, "contains a control character");
            return null;
        }
        return text;
    }

    private void error(SheetRows.RawRow raw, ScheduleColumn column, CellValue cell, String problem) {
        if (errors.size() >= MAX_ERRORS) {
            truncated++;
            return;
        }
        Integer index = sheet.columns().get(column);
        String letter = index == null ? "?" : CellReference.convertNumToColString(index);
        String shown = cell.isBlank() ? "" : ": \"" + cell.display() + "\"";
        errors.add("Sheet '" + sheet.sheet() + "', row " + raw.excelRow() + ", column " + column.header() + " ("
                + letter + ")" + shown + " " + problem);
    }
}

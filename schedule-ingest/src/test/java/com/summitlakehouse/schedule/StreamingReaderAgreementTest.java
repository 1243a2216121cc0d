package com.summitlakehouse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming reader and the whole-workbook reader it replaced agree on every test workbook: the same rows and
 * values, or the same refusal in the same words.
 */
class StreamingReaderAgreementTest {

    @TempDir
    Path dir;

    Map<String, Path> workbooks() throws Exception {
        Map<String, Path> books = new LinkedHashMap<>();
        books.put("sample", Path.of("src/test/resources/journey-schedule.xlsx"));
        books.put("bad cells", new WorkbookBuilder().sheet("Plan")
                .row(1, "Week", "Day", "Stop Date", "City", "Is Overnight")
                .row(2, 1, 1, "13/45/2026", "Boston", "Y")
                .row(3, null, 2, "2026-06-02", "New York", "maybe")
                .row(4, "abc", 3, LocalDate.of(2026, 6, 3), "", "N")
                .row(5, 1, 4, 46000.5, "Chicago", "Y")
                .write(dir.resolve("bad.xlsx")));
        books.put("blank weeks and merges", new WorkbookBuilder().sheet("Plan")
                .row(1, "Journey schedule").merge("A1:E1")
                .row(3, "Week", "Day", "Stop Date", "City", "Is Overnight", "Owner")
                .row(4, 1, 1, LocalDate.of(2026, 6, 1), "  Boston  ", true)
                .row(5, null, 2, "6/2/2026", "New York", false).merge("A4:A6")
                .row(6, null, 3, "06/03/2026", "Philadelphia", "y")
                .row(7, "", 8, LocalDate.of(2026, 6, 8), "Chicago", " Y ")
                .formattedEmptyRow(8, 6).formattedEmptyRow(9, 6)
                .write(dir.resolve("weeks.xlsx")));
        books.put("formulas and errors", new WorkbookBuilder().sheet("Plan")
                .row(1, "week", "DAY", "stop date", "City", "is-overnight", "Miles")
                .row(2, "=0+1", "=1", LocalDate.of(2026, 6, 1), "=\"Den\"&\"ver\"", "Y", "=100+23")
                .row(3, 1, 2, LocalDate.of(2026, 6, 2), "Boulder", "N", "=1/0")
                .write(dir.resolve("formulas.xlsx")));
        books.put("second sheet", new WorkbookBuilder().sheet("Notes").row(1, "nothing here")
                .sheet("Plan").row(2, "Week", "Day", "Stop Date", "City", "Is Overnight")
                .row(3, 1, 1, LocalDate.of(2026, 6, 1), "Boston", "Y")
                .write(dir.resolve("sheets.xlsx")));
        books.put("no header", new WorkbookBuilder().sheet("Plan").row(1, "Week", "Day", "City")
                .row(2, 1, 1, "Boston").write(dir.resolve("noheader.xlsx")));
        books.put("empty", new WorkbookBuilder().sheet("Plan").formattedEmptyRow(1, 3)
                .write(dir.resolve("empty.xlsx")));
        Path text = dir.resolve("not-a-workbook.xlsx");
        Files.writeString(text, "week,day\n1,1\n");
        books.put("not a workbook", text);
        Path large = dir.resolve("large.xlsx");
        LargeScheduleWorkbook.main(new String[] {large.toString(), "2000"});
        books.put("2,000 rows", large);
        return books;
    }

    @Test
    void bothReadersSeeTheSameRowsOrRefuseAlike() throws Exception {
        for (Map.Entry<String, Path> book : workbooks().entrySet()) {
            for (String sheet : new String[] {null, "Plan", "Missing"}) {
                assertEquals(read(() -> WholeWorkbookReader.read(book.getValue(), sheet)),
                        read(() -> WorkbookReader.read(book.getValue(), sheet)),
                        book.getKey() + ", sheet " + sheet);
            }
        }
    }

    /** The rows, or the refusal's words. */
    private static Object read(java.util.function.Supplier<SheetRows> reader) {
        try {
            return reader.get();
        } catch (BadInputException e) {
            return "refused: " + e.getMessage() + " " + e.problems();
        }
    }
}

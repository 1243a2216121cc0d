package com.summitlakehouse.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/** A schedule workbook of any length in the sample's shape, for bench/ingest.sh. */
public final class LargeScheduleWorkbook {

    private LargeScheduleWorkbook() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        int rows = Integer.parseInt(args[1]);
        WorkbookBuilder book = new WorkbookBuilder().sheet("Schedule");
        book.row(1, "Generated schedule of " + rows + " stops").merge("A1:I1");
        book.row(3, "Week", "Day", "Stop Date", "City", "State", "Venue", "Is Overnight", "Miles", "Notes");
        for (int i = 0; i < rows; i++) {
            Object[] city = SampleScheduleWorkbook.CITIES[i % SampleScheduleWorkbook.CITIES.length];
            LocalDate date = SampleScheduleWorkbook.START.plusDays(i / 4);
            book.row(4 + i, i % 28 == 0 ? (Object) (i / 28 + 1) : null, i / 4 + 1,
                    i % 2 == 0 ? date : String.format("%02d/%02d/%d", date.getMonthValue(), date.getDayOfMonth(), date.getYear()),
                    city[0], city[1], city[2], i % 4 == 3 ? "Y" : "N", 50 + i % 400, "Stop " + i);
            if (i % 28 == 27) {
                book.merge("A" + (4 + i - 27) + ":A" + (4 + i));
            }
        }
        book.write(target);
    }
}

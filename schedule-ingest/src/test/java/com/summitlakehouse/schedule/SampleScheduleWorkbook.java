package com.summitlakehouse.schedule;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Generates the sample journey schedule: 35 days, 25 cities, about 9,000 miles, in the shape people edit by hand
 * (a title row above the header, week cells merged vertically, real date cells mixed with MM/dd/yyyy and M/d/yyyy
 * text, a formula, an unknown column, formatted empty rows at the end).
 *
 * <p>Run {@code main} to refresh {@code src/test/resources/journey-schedule.xlsx}.
 */
public final class SampleScheduleWorkbook {

    static final LocalDate START = LocalDate.of(2026, 6, 1);

    /** The 25 cities, each with its nights and the miles driven to reach it. */
    static final Object[][] CITIES = {
        {"Boston", "MA", "Faneuil Hall", 2, 0},
        {"New York", "NY", "Bryant Park", 2, 215},
        {"Philadelphia", "PA", "Independence Mall", 1, 95},
        {"Washington", "DC", "National Mall", 2, 140},
        {"Pittsburgh", "PA", "Point State Park", 1, 245},
        {"Cleveland", "OH", "Public Square", 1, 135},
        {"Detroit", "MI", "Campus Martius", 1, 170},
        {"Chicago", "IL", "Millennium Park", 2, 285},
        {"Milwaukee", "WI", "Lakefront", 1, 95},
        {"Minneapolis", "MN", "Target Field Plaza", 2, 335},
        {"Fargo", "ND", "Broadway Square", 1, 235},
        {"Billings", "MT", "Skypoint", 1, 585},
        {"Boise", "ID", "Capitol Park", 1, 870},
        {"Seattle", "WA", "Pike Place", 2, 500},
        {"Portland", "OR", "Pioneer Courthouse Square", 1, 175},
        {"Sacramento", "CA", "Capitol Mall", 1, 580},
        {"San Francisco", "CA", "Embarcadero", 2, 90},
        {"Los Angeles", "CA", "Griffith Observatory", 2, 385},
        {"Las Vegas", "NV", "Fremont Street", 1, 270},
        {"Phoenix", "AZ", "Civic Space Park", 1, 300},
        {"Albuquerque", "NM", "Old Town Plaza", 1, 420},
        {"Denver", "CO", "Union Station", 2, 450},
        {"Kansas City", "MO", "Union Station", 1, 605},
        {"St. Louis", "MO", "Gateway Arch", 1, 250},
        {"Nashville", "TN", "Broadway", 2, 310},
    };

    private SampleScheduleWorkbook() {
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "src/test/resources/journey-schedule.xlsx");
        write(target);
        System.out.println("Wrote " + target.toAbsolutePath());
    }

    static Path write(Path file) throws IOException {
        WorkbookBuilder book = new WorkbookBuilder().sheet("Schedule");
        book.row(1, "Summit Road Trip 2026: journey schedule (35 days, 25 cities)").merge("A1:J1");
        book.row(3, "Week", "Day", "Stop Date", "City", "State", "Venue", "Is-Overnight", "Miles", "Notes",
                "Owner");
        int excelRow = 4;
        int day = 1;
        int weekStartRow = excelRow;
        int week = 1;
        DateTimeFormatter padded = DateTimeFormatter.ofPattern("MM/dd/yyyy");
        DateTimeFormatter unpadded = DateTimeFormatter.ofPattern("M/d/yyyy");
        for (int c = 0; c < CITIES.length; c++) {
            Object[] city = CITIES[c];
            int nights = (Integer) city[3];
            int miles = (Integer) city[4];
            for (int n = 0; n < nights; n++) {
                LocalDate date = START.plusDays(day - 1);
                // Dates arrive three ways: a date cell, padded text, unpadded text.
                Object dateCell = switch (day % 3) {
                    case 0 -> date.format(padded);
                    case 1 -> date;
                    default -> date.format(unpadded);
                };
                int thisWeek = (day - 1) / 7 + 1;
                if (thisWeek != week) {
                    book.merge("A" + weekStartRow + ":A" + (excelRow - 1));
                    week = thisWeek;
                    weekStartRow = excelRow;
                }
                Object weekCell = excelRow == weekStartRow ? (Object) week : null;
                if (n == 0 && miles > 400) {
                    // A long leg gets a daytime pit stop on the way (not overnight), listed under the destination city.
                    book.row(excelRow, weekCell, day, dateCell, city[0], city[1], "Fuel and lunch", "n",
                            miles / 2, "Pit stop on the way", "ops");
                    excelRow++;
                    weekCell = null;
                    book.row(excelRow, weekCell, day, dateCell, city[0], city[1], city[2], " Y ",
                            "=" + (miles - miles / 2) + "+0", "Overnight", "ops");
                } else {
                    book.row(excelRow, weekCell, day, dateCell, city[0], city[1], city[2], n == nights - 1 ? "Y" : "y",
                            n == 0 ? miles : 125, n == 0 ? "Arrival" : "Local loop and events", "ops");
                }
                excelRow++;
                day++;
            }
        }
        book.merge("A" + weekStartRow + ":A" + (excelRow - 1));
        book.formattedEmptyRow(excelRow, 10).formattedEmptyRow(excelRow + 1, 10);
        return book.write(file);
    }
}

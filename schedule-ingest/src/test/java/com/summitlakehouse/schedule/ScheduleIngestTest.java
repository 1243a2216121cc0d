package com.summitlakehouse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.delta.TableVersion;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusMainTest
class ScheduleIngestTest {

    static final Path SAMPLE = Path.of("src/test/resources/journey-schedule.xlsx");

    @TempDir
    Path dir;

    Path table;

    @BeforeEach
    void location() {
        table = dir.resolve("gold/journey_schedule");
    }

    LaunchResult ingest(QuarkusMainLauncher launcher, Path workbook, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "--source";
        args[1] = workbook.toString();
        args[2] = "--table";
        args[3] = table.toString();
        System.arraycopy(more, 0, args, 4, more.length);
        return launcher.launch(args);
    }

    List<Map<String, Object>> rows() {
        return new GoldTableReader(new GoldTable(table.toString(), GoldTableOptions.defaults())).readLatest();
    }

    TableVersion version() {
        return new GoldTable(table.toString(), GoldTableOptions.defaults()).current().orElseThrow();
    }

    @Test
    void theSampleWorkbookBecomesTheJourneyScheduleTable(QuarkusMainLauncher launcher) {
        LaunchResult result = ingest(launcher, SAMPLE);
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        assertTrue(result.getOutput().matches(
                "(?s).*journey_schedule: written rows=\\d+ version=0 checksum=sha256:[0-9a-f]{64}.*"), result.getOutput());

        List<Map<String, Object>> rows = rows();
        assertEquals(35, rows.stream().map(r -> r.get("stop_date")).distinct().count(), "35 days");
        assertEquals(35, rows.stream().filter(r -> r.get("event_type").equals("overnight")).count());
        assertEquals(25, rows.stream().map(r -> r.get("city")).distinct().count(), "25 cities");
        int miles = rows.stream().mapToInt(r -> (Integer) r.get("miles")).sum();
        assertTrue(miles > 8_500 && miles < 9_500, "about 9,000 miles: " + miles);
        assertEquals(Set.of(1, 2, 3, 4, 5), rows.stream().map(r -> (Integer) r.get("week")).collect(Collectors.toSet()),
                "merged week cells are forward-filled");
        for (Map<String, Object> row : rows) {
            int day = (Integer) row.get("day");
            assertEquals(SampleScheduleWorkbook.START.plusDays(day - 1), row.get("stop_date"), "row " + row);
            assertEquals((day - 1) / 7 + 1, row.get("week"), "row " + row);
            assertEquals((Boolean) row.get("is_overnight") ? "overnight" : "pit_stop", row.get("event_type"));
        }
        Map<String, Object> first = rows.stream().filter(r -> (Integer) r.get("source_row") == 4).findFirst().orElseThrow();
        assertEquals("Boston", first.get("city"));
        assertEquals(LocalDate.of(2026, 6, 1), first.get("stop_date"));
        assertTrue(rows.stream().anyMatch(r -> r.get("event_type").equals("pit_stop")));

        TableVersion version = version();
        assertEquals("journey-schedule.xlsx", version.lineage("source").orElseThrow());
        assertEquals("Schedule", version.lineage("sheet").orElseThrow());
        assertEquals("schedule-ingest", version.lineage("job").orElseThrow());
        assertEquals(Integer.toString(rows.size()), version.lineage("rows").orElseThrow());
        assertTrue(result.getOutput().contains(version.sourceFingerprint().orElseThrow()));
        assertTrue(result.getOutput().contains("ignoring unknown column 'Owner'") || result.getErrorOutput()
                .contains("ignoring unknown column 'Owner'"));
    }

    @Test
    void theSameWorkbookAgainIsUnchangedUnlessForced(QuarkusMainLauncher launcher) {
        assertEquals(0, ingest(launcher, SAMPLE).exitCode());
        LaunchResult again = ingest(launcher, SAMPLE);
        assertEquals(0, again.exitCode());
        assertTrue(again.getOutput().contains("journey_schedule: unchanged"), again.getOutput());
        assertEquals(0, version().version());

        LaunchResult forced = ingest(launcher, SAMPLE, "--force");
        assertEquals(0, forced.exitCode());
        assertTrue(forced.getOutput().contains("written"), forced.getOutput());
        assertEquals(1, version().version());
    }

    @Test
    void everyBadCellIsReportedAndTheTableStaysAsItWas(QuarkusMainLauncher launcher) throws Exception {
        assertEquals(0, ingest(launcher, SAMPLE).exitCode());
        List<Map<String, Object>> before = rows();

        Path bad = new WorkbookBuilder().sheet("Plan")
                .row(1, "Week", "Day", "Stop Date", "City", "Is Overnight")
                .row(2, 1, 1, "13/45/2026", "Boston", "Y")
                .row(3, null, 2, "2026-06-02", "New York", "maybe")
                .row(4, "abc", 3, LocalDate.of(2026, 6, 3), "", "N")
                .row(5, 1, 4, 46000.5, "Chicago", "Y")
                .write(dir.resolve("bad.xlsx"));
        LaunchResult result = ingest(launcher, bad);
        assertEquals(2, result.exitCode());
        String err = result.getErrorOutput();
        assertTrue(err.contains("Sheet 'Plan', row 2, column stop_date (C): \"13/45/2026\" is not a date in MM/dd/yyyy"), err);
        assertTrue(err.contains("Sheet 'Plan', row 3, column stop_date (C): \"2026-06-02\" is not a date in MM/dd/yyyy"), err);
        assertTrue(err.contains("Sheet 'Plan', row 3, column is_overnight (E): \"maybe\" must be Y or N"), err);
        assertTrue(err.contains("Sheet 'Plan', row 4, column week (A): \"abc\" is not a whole number"), err);
        assertTrue(err.contains("Sheet 'Plan', row 4, column city (D) is required"), err);
        assertTrue(err.contains("Sheet 'Plan', row 5, column stop_date (C): \"46000.5\" is not a date"), err);
        assertTrue(err.contains("was not changed"), err);
        assertFalse(err.contains("\tat "), "no stack trace");

        assertEquals(0, version().version());
        assertEquals(before, rows());
    }

    @Test
    void aBlankWeekCellThatIsNotMergedContinuesTheWeekAbove(QuarkusMainLauncher launcher) throws Exception {
        Path book = new WorkbookBuilder().sheet("Plan")
                .row(1, "Week", "Day", "Stop Date", "City", "Is Overnight")
                .row(2, 1, 1, LocalDate.of(2026, 6, 1), "Boston", "Y")
                .row(3, null, 2, LocalDate.of(2026, 6, 2), "New York", "N")
                .row(4, "", 3, LocalDate.of(2026, 6, 3), "Philadelphia", "Y")
                .row(5, 2, 8, LocalDate.of(2026, 6, 8), "Chicago", "Y")
                .row(6, null, 9, LocalDate.of(2026, 6, 9), "Milwaukee", "N")
                .write(dir.resolve("blank-weeks.xlsx"));
        LaunchResult result = ingest(launcher, book);
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        Map<String, Object> weekByCity = rows().stream().collect(Collectors.toMap(r -> (String) r.get("city"),
                r -> r.get("week")));
        assertEquals(Map.of("Boston", 1, "New York", 1, "Philadelphia", 1, "Chicago", 2, "Milwaukee", 2),
                weekByCity);
    }

    @Test
    void aBlankWeekWithNoWeekAboveIsAnError(QuarkusMainLauncher launcher) throws Exception {
        Path book = new WorkbookBuilder().sheet("Plan")
                .row(1, "Week", "Day", "Stop Date", "City", "Is Overnight")
                .row(2, null, 1, LocalDate.of(2026, 6, 1), "Boston", "Y")
                .row(3, 1, 2, LocalDate.of(2026, 6, 2), "New York", "N")
                .write(dir.resolve("no-week-above.xlsx"));
        LaunchResult result = ingest(launcher, book);
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains(
                "Sheet 'Plan', row 2, column week (A) is blank and there is no week above it to continue"),
                result.getErrorOutput());
        assertFalse(Files.exists(table.resolve("_delta_log")), "nothing was written");
    }

    @Test
    void aMissingRequiredColumnIsNamed(QuarkusMainLauncher launcher) throws Exception {
        Path noOvernight = new WorkbookBuilder().sheet("Schedule")
                .row(1, "Week", "Stop Date", "City")
                .row(2, 1, "06/01/2026", "Boston")
                .write(dir.resolve("no-overnight.xlsx"));
        LaunchResult result = ingest(launcher, noOvernight);
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("row 1 comes closest but lacks is_overnight"), result.getErrorOutput());
    }

    @Test
    void notAWorkbookAnEmptySheetAndAMissingSheetAreBadInput(QuarkusMainLauncher launcher) throws Exception {
        Path text = Files.writeString(dir.resolve("schedule.xlsx"), "week,stop_date,city\n1,06/01/2026,Boston\n");
        LaunchResult notXlsx = ingest(launcher, text);
        assertEquals(2, notXlsx.exitCode());
        assertTrue(notXlsx.getErrorOutput().contains("schedule.xlsx is not an .xlsx workbook"), notXlsx.getErrorOutput());

        Path empty = new WorkbookBuilder().sheet("Empty").write(dir.resolve("empty.xlsx"));
        LaunchResult emptySheet = ingest(launcher, empty);
        assertEquals(2, emptySheet.exitCode());
        assertTrue(emptySheet.getErrorOutput().contains("Sheet 'Empty' is empty"), emptySheet.getErrorOutput());

        LaunchResult missingSheet = ingest(launcher, SAMPLE, "--sheet", "Budget");
        assertEquals(2, missingSheet.exitCode());
        assertTrue(missingSheet.getErrorOutput().contains("no sheet 'Budget' (it has [Schedule])"),
                missingSheet.getErrorOutput());

        LaunchResult missingFile = ingest(launcher, dir.resolve("nowhere.xlsx"));
        assertEquals(2, missingFile.exitCode());
        LaunchResult noSource = launcher.launch("--table", table.toString());
        assertEquals(2, noSource.exitCode());
        assertTrue(noSource.getErrorOutput().contains("usage: schedule-ingest --source"), noSource.getErrorOutput());
        assertFalse(Files.exists(table), "no table was created by failed runs");
    }

    @Test
    void theNamedSheetIsReadAndHeadersMatchLoosely(QuarkusMainLauncher launcher) throws Exception {
        WorkbookBuilder book = new WorkbookBuilder();
        book.sheet("Notes").row(1, "Not a schedule at all");
        book.sheet("Final")
                .row(2, "Route for the press kit")
                .row(4, " WEEK ", "stop-date", "CITY", "is_overnight", "miles")
                .row(5, 1, "6/1/2026", " Boston ", "", 0)
                .row(6, null, "06/02/2026", "New York", "Y", "=100+115")
                .merge("A5:A6");
        Path workbook = book.write(dir.resolve("two-sheets.xlsx"));
        LaunchResult result = ingest(launcher, workbook, "--sheet", "Final");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        List<Map<String, Object>> rows = rows();
        assertEquals(2, rows.size());
        Map<String, Object> boston = rows.stream().filter(r -> r.get("city").equals("Boston")).findFirst().orElseThrow();
        assertEquals(false, boston.get("is_overnight"), "blank means N");
        assertEquals("pit_stop", boston.get("event_type"));
        assertEquals(5, boston.get("source_row"));
        Map<String, Object> newYork = rows.stream().filter(r -> r.get("city").equals("New York")).findFirst().orElseThrow();
        assertEquals(1, newYork.get("week"), "the merged week applies to every row it covers");
        assertEquals(215, newYork.get("miles"), "formula cells give their cached value");
        assertEquals(LocalDate.of(2026, 6, 2), newYork.get("stop_date"));
    }

    @Test
    void anUnwritableTableIsAFailureNotBadInput(QuarkusMainLauncher launcher) throws Exception {
        Path blocker = Files.writeString(dir.resolve("occupied"), "a file where the table directory should be");
        LaunchResult result = launcher.launch("--source", SAMPLE.toString(), "--table", blocker.resolve("t").toString());
        assertEquals(1, result.exitCode(), result.getOutput() + result.getErrorOutput());
        assertTrue(result.getErrorOutput().contains("failed"), result.getErrorOutput());
    }

    @Test
    void theCommittedSampleIsWhatTheGeneratorMakes(QuarkusMainLauncher launcher) throws Exception {
        Path regenerated = SampleScheduleWorkbook.write(dir.resolve("regenerated.xlsx"));
        assertEquals(ScheduleValidator.validate(WorkbookReader.read(SAMPLE, null)),
                ScheduleValidator.validate(WorkbookReader.read(regenerated, null)));
    }
}

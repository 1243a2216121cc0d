package com.summitlakehouse.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.objectstore.S3Settings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Unchanged" needs the same bytes, read the same way (sheet option), by the same job version: a difference in any
 * of them writes the table again, so a fixed reader or another sheet is never hidden behind an old version.
 */
class UnchangedCheckTest {

    static final Path SAMPLE = Path.of("src/test/resources/journey-schedule.xlsx");

    @TempDir
    Path dir;

    IngestRequest request(String sheet) {
        return new IngestRequest(SAMPLE, SAMPLE.getFileName().toString(), null, null, sheet,
                dir.resolve("journey_schedule").toString(), false,
                S3Settings.fromEnvironment(Map.of(), Optional.empty()));
    }

    @Test
    void theSameRunAgainIsUnchanged() {
        assertTrue(new ScheduleIngest("1.0").run(request(null)).written());
        ScheduleIngest.Outcome again = new ScheduleIngest("1.0").run(request(null));
        assertFalse(again.written());
        assertEquals(0, again.version());
    }

    @Test
    void anotherJobVersionWritesAgain() {
        assertTrue(new ScheduleIngest("1.0").run(request(null)).written());
        ScheduleIngest.Outcome upgraded = new ScheduleIngest("1.1").run(request(null));
        assertTrue(upgraded.written(), "a new reader may read the same bytes differently");
        assertEquals(1, upgraded.version());
    }

    @Test
    void anotherSheetOptionWritesAgain() {
        assertTrue(new ScheduleIngest("1.0").run(request(null)).written());
        ScheduleIngest.Outcome named = new ScheduleIngest("1.0").run(request("Schedule"));
        assertTrue(named.written(), "the first sheet and a named sheet are different reads");
        assertEquals(1, named.version());
    }
}

package com.summitlakehouse.ops.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class ConsoleTimesTest {

    static final OffsetDateTime NOW = OffsetDateTime.parse("2026-07-04T12:00:00Z");

    @Test
    void timesReadAsPeopleSayThemWithTheExactTimeInUtc() {
        assertEquals("just now", ConsoleTimes.ago(NOW.minusSeconds(20), NOW));
        assertEquals("12 min ago", ConsoleTimes.ago(NOW.minusMinutes(12), NOW));
        assertEquals("3 h 5 min ago", ConsoleTimes.ago(NOW.minusMinutes(185), NOW));
        assertEquals("4 days ago", ConsoleTimes.ago(NOW.minusDays(4), NOW));
        assertEquals("in the future", ConsoleTimes.ago(NOW.plusMinutes(3), NOW));
        assertEquals("2026-07-04 10:00:00 UTC", ConsoleTimes.exact(OffsetDateTime.parse("2026-07-04T12:00:00+02:00")));
    }
}

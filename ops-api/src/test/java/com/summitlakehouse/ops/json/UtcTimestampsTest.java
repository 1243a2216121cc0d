package com.summitlakehouse.ops.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UtcTimestampsTest {

    private static String iso(OffsetDateTime value) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC));
    }

    @Test
    void writesWhatTheIsoFormatterWrites() {
        List<OffsetDateTime> edges = List.of(
                OffsetDateTime.parse("2026-07-01T11:00:00Z"),
                OffsetDateTime.parse("2026-07-01T11:00:00.100Z"),
                OffsetDateTime.parse("2026-07-01T11:00:00.123456Z"),
                OffsetDateTime.parse("2026-07-01T11:00:00.000001Z"),
                OffsetDateTime.parse("2026-07-01T11:00:00.999999999Z"),
                OffsetDateTime.parse("2026-12-31T23:30:00-05:00"),
                OffsetDateTime.parse("0001-01-01T00:00:00Z"),
                OffsetDateTime.parse("9999-12-31T23:59:59.5Z"),
                OffsetDateTime.parse("+10000-01-01T00:00:00Z"));
        for (OffsetDateTime value : edges) {
            assertEquals(iso(value), UtcTimestamps.format(value), value.toString());
        }
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 250_000_000_000L),
                    random.nextBoolean() ? random.nextInt(1_000_000) * 1000L : random.nextInt(1_000_000_000));
            OffsetDateTime value = instant.atOffset(ZoneOffset.ofHours(random.nextInt(-12, 15)));
            assertEquals(iso(value), UtcTimestamps.format(value), value.toString());
        }
    }
}

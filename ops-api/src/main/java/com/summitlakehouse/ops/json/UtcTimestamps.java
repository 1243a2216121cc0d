package com.summitlakehouse.ops.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes every timestamp as RFC 3339 in UTC, exactly as java.time's ISO formatter does ("2026-07-01T11:00:00.1234Z":
 * seconds always, the fraction without trailing zeros), but without that general-purpose formatter, which took a
 * sixth of the event loops' time on a page of 50 posts.
 */
@Singleton
public class UtcTimestamps implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("utc-timestamps").addSerializer(OffsetDateTime.class, new Writer()));
    }

    @Override
    public int priority() {
        // After Quarkus registers java.time support, so that this serializer is the one found.
        return MINIMUM_PRIORITY;
    }

    public static String format(OffsetDateTime value) {
        LocalDateTime utc = value.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC));
        }
        char[] text = new char[30];
        int at = digits(text, 0, utc.getYear(), 4);
        text[at++] = '-';
        at = digits(text, at, utc.getMonthValue(), 2);
        text[at++] = '-';
        at = digits(text, at, utc.getDayOfMonth(), 2);
        text[at++] = 'T';
        at = digits(text, at, utc.getHour(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getMinute(), 2);
        text[at++] = ':';
        at = digits(text, at, utc.getSecond(), 2);
        int fraction = utc.getNano();
        if (fraction != 0) {
            int width = 9;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            text[at++] = '.';
            at = digits(text, at, fraction, width);
        }
        text[at++] = 'Z';
        return new String(text, 0, at);
    }

    private static int digits(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }

    private static final class Writer extends StdSerializer<OffsetDateTime> {
        Writer() {
            super(OffsetDateTime.class);
        }

        @Override
        public void serialize(OffsetDateTime value, JsonGenerator json, SerializerProvider provider)
                throws IOException {
            json.writeString(format(value));
        }
    }
}

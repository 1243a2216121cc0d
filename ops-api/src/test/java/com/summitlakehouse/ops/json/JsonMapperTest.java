package com.summitlakehouse.ops.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

@QuarkusTest
class JsonMapperTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void timestampsGoThroughTheUtcWriter() throws Exception {
        assertEquals(UtcTimestamps.class, mapper.getSerializerProviderInstance()
                .findValueSerializer(OffsetDateTime.class).getClass().getEnclosingClass());
        assertEquals("\"2026-07-01T16:00:00.12Z\"",
                mapper.writeValueAsString(OffsetDateTime.parse("2026-07-01T11:00:00.120-05:00")));
    }
}

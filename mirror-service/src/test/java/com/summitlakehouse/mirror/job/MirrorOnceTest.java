package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MirrorOnceTest {

    @QuarkusMainTest
    @Nested
    class Success {
        @Test
        @Launch({"--once"})
        void exitsZeroWithOneSummaryLinePerMirror(LaunchResult result) {
            assertEquals(0, result.exitCode());
            String out = result.getOutput();
            assertTrue(out.matches("(?s).*mirror social_posts: (mirrored|unchanged) rows=\\d+ version=\\d+ duration=\\d+ms.*"), out);
            assertTrue(out.matches("(?s).*mirror qa_published: (mirrored|unchanged) rows=\\d+ version=\\d+ duration=\\d+ms.*"), out);
        }
    }

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A port nothing listens on: the database is down.
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/summit",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }
    }

    @QuarkusMainTest
    @TestProfile(UnreachableDatabase.class)
    @Nested
    class Outage {
        @Test
        @Launch(value = {"--once"}, exitCode = 1)
        void exitsNonZeroNamingTheDatabase(LaunchResult result) {
            String out = result.getErrorOutput() + result.getOutput();
            assertTrue(out.contains("mirror social_posts: failed"), out);
            assertTrue(out.contains("database"), out);
            assertTrue(!out.contains("\tat "), "no stack trace: " + out);
        }
    }
}

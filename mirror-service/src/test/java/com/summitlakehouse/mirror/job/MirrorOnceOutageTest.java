package com.summitlakehouse.mirror.job;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusMainTest
@TestProfile(MirrorOnceOutageTest.UnreachableDatabase.class)
class MirrorOnceOutageTest {

    public static class UnreachableDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A port nothing listens on: the database is down.
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:1/summit",
                    "quarkus.datasource.jdbc.acquisition-timeout", "3S");
        }
    }

    @Test
    @Launch(value = {"--once"}, exitCode = 1)
    void exitsNonZeroNamingTheDatabase(LaunchResult result) {
        String out = result.getErrorOutput() + result.getOutput();
        assertTrue(out.contains("mirror social_posts: failed"), out);
        assertTrue(out.contains("database: Connection to 127.0.0.1:1 refused"), out);
        assertTrue(!out.contains("\tat "), "no stack trace: " + out);
    }
}

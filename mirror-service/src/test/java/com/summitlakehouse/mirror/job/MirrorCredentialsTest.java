package com.summitlakehouse.mirror.job;

import com.summitlakehouse.testing.TempFiles;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.mirror.support.SourceDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The mirror logs in with the user and password from its secret directory (as a member of the password-only
 * group, so a wrong password really fails), and its log through start-up, a failed login and a run holds neither.
 */
@QuarkusTest
@TestProfile(MirrorCredentialsTest.Profile.class)
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.mirror.support.SourceDatabase#preparedServer",
        disabledReason = "needs password logins for summit_password_login (deploy/local/postgres.sh)")
class MirrorCredentialsTest {

    static final String ROLE = "mirror_login_" + UUID.randomUUID().toString().substring(0, 8);
    static final String OLD_PASSWORD = "old-" + UUID.randomUUID();
    static final String NEW_PASSWORD = "new-" + UUID.randomUUID();
    static Path log;

    public static class SecretFiles implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                SourceDatabase.executeAsAdmin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + OLD_PASSWORD
                        + "' IN ROLE summit_password_login");
                Path secrets = TempFiles.directory("mirror-secrets");
                Files.writeString(secrets.resolve("lakebase_user"), ROLE + "\n");
                // The secret already holds the new password; the database still has the old one.
                Files.writeString(secrets.resolve("lakebase_password"), NEW_PASSWORD + "\n");
                log = TempFiles.file("mirror-credentials", ".log");
                return Map.of("SECRETS_DIR", secrets.toString(), "quarkus.log.file.enabled", "true",
                        "quarkus.log.file.path", log.toString(), "quarkus.log.file.level", "ALL");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void stop() {
            SourceDatabase.executeAsAdmin("DROP ROLE IF EXISTS " + ROLE);
        }
    }

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SecretFiles.class));
        }
    }

    @Inject
    MirrorJob job;

    @Test
    void theMirrorUsesTheSecretFilesAndNeverLogsThem() throws Exception {
        SourceDatabase.execute("GRANT summit_mirror TO " + ROLE);
        List<MirrorResult> refused = job.runAll();
        assertTrue(refused.stream().allMatch(MirrorResult::failed), refused.toString());
        assertTrue(refused.get(0).message().contains("password authentication failed"), refused.toString());

        SourceDatabase.executeAsAdmin("ALTER ROLE " + ROLE + " PASSWORD '" + NEW_PASSWORD + "'");
        List<MirrorResult> results = job.runAll();
        assertTrue(results.stream().noneMatch(MirrorResult::failed), results.toString());
        given().when().get("/q/health/ready").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200);

        String text = Files.readString(log);
        assertTrue(text.contains("mirror-service") && text.contains("started in"), "the log covers start-up");
        assertTrue(text.contains("password authentication failed for user \"" + ROLE + "\""),
                "the log covers the failed login");
        assertTrue(text.contains("mirror social_posts: "), "the log covers a run");
        assertFalse(text.contains(OLD_PASSWORD), "the old password is not logged");
        assertFalse(text.contains(NEW_PASSWORD), "the new password is not logged");
        assertEquals(1, (int) text.lines().filter(l -> l.contains("mirror social_posts: mirrored")
                || l.contains("mirror social_posts: unchanged")).count());
    }
}

package com.summitlakehouse.ops.governance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The password changes in the database and in the secret file while ops-api runs; once the pool's connections are
 * dropped, new ones use the new password and requests keep succeeding. The logs of it all hold no secret.
 */
@QuarkusTest
@TestProfile(CredentialRotationTest.Profile.class)
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.ops.support.TestDatabase#preparedServer",
        disabledReason = "needs password logins for summit_password_login (deploy/local/postgres.sh)")
class CredentialRotationTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RotatingCredentials.class));
        }
    }

    static final String SECOND_PASSWORD = "second-" + UUID.randomUUID();

    static void dropPoolConnections() throws InterruptedException {
        RotatingCredentials.admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                + RotatingCredentials.ROLE + "'");
        Thread.sleep(300);
    }

    static int feedStatus() {
        return given().when().get("/api/v1/posts?limit=5").then().extract().statusCode();
    }

    @Test
    void aRotatedPasswordIsUsedByNewConnectionsWithoutARestartAndNoSecretIsLogged() throws Exception {
        String adminToken = Tokens.bearer("moderator");
        assertEquals(200, feedStatus(), "connected with the first password");
        given().header("Authorization", adminToken).when().get("/api/v1/admin/questions").then().statusCode(200);

        RotatingCredentials.admin("ALTER ROLE " + RotatingCredentials.ROLE + " PASSWORD '" + SECOND_PASSWORD + "'");
        Files.writeString(RotatingCredentials.secrets.resolve("lakebase_password"), SECOND_PASSWORD + "\n");
        dropPoolConnections();
        for (int i = 0; i < 20; i++) {
            assertEquals(200, feedStatus(), "request " + i + " after rotation");
            given().header("X-Forwarded-For", "198.18.0." + i).contentType(ContentType.JSON)
                    .body("{\"question_text\": \"after rotation " + i + "\"}")
                    .when().post("/api/v1/questions").then().statusCode(201);
        }

        // Control: the file really is what new connections use; a wrong password fails them, and fixing it heals.
        String wrong = "wrong-" + UUID.randomUUID();
        Files.writeString(RotatingCredentials.secrets.resolve("lakebase_password"), wrong);
        dropPoolConnections();
        given().when().get("/api/v1/posts?limit=5").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "5");
        Files.writeString(RotatingCredentials.secrets.resolve("lakebase_password"), SECOND_PASSWORD);
        // Refused logins mark the database away; the outage probe (every ops.database.probe-interval) lifts it.
        long deadline = System.currentTimeMillis() + 5000;
        while (feedStatus() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "recovered once the file is right again");
            Thread.sleep(100);
        }

        String log = Files.readString(RotatingCredentials.log);
        assertTrue(log.contains("ops-api") && log.contains("started in"), "the log covers start-up");
        assertTrue(log.contains("login was refused"),
                "the log covers the failed login");
        for (String secret : List.of(RotatingCredentials.FIRST_PASSWORD, SECOND_PASSWORD, wrong,
                adminToken.substring("Bearer ".length()))) {
            assertFalse(log.contains(secret), "a secret reached the log");
        }
    }
}

package com.summitlakehouse.ops.governance;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.LogLines;
import com.summitlakehouse.ops.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fourth way the database goes away: it refuses the service's login, as after a credential rotated wrongly (the
 * role's password changed but not the secret, or the role set NOLOGIN) once the pooled connections are terminated.
 * Requests are answered 503 with Retry-After (never 500), readiness follows what they found while liveness does not,
 * one log line says the login was refused (no password, no stack trace), and the service recovers by itself once the
 * login works again. Same profile as {@link CredentialRotationTest}: one application start serves both.
 */
@QuarkusTest
@TestProfile(CredentialRotationTest.Profile.class)
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.ops.support.TestDatabase#preparedServer",
        disabledReason = "needs password logins for summit_password_login (deploy/local/postgres.sh)")
class RefusedLoginTest {

    enum Refusal {
        /** The role's password changed in the database, not in the secret file. */
        PASSWORD_CHANGED,
        /** The role may no longer log in at all. */
        NOLOGIN
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void aRefusedLoginIsAnOutageThatHealsOnceTheLoginWorks(Refusal refusal) throws Exception {
        // Whatever the secret file holds now (CredentialRotationTest may have rotated it) is the working password.
        String working = Files.readString(RotatingCredentials.secrets.resolve("lakebase_password")).strip();
        String elsewhere = "rotated-elsewhere-" + UUID.randomUUID();
        awaitServing();
        LogLines log = LogLines.capture();
        try {
            RotatingCredentials.admin(switch (refusal) {
                case PASSWORD_CHANGED -> "ALTER ROLE " + RotatingCredentials.ROLE + " PASSWORD '" + elsewhere + "'";
                case NOLOGIN -> "ALTER ROLE " + RotatingCredentials.ROLE + " NOLOGIN";
            });
            CredentialRotationTest.dropPoolConnections();

            for (int i = 0; i < 3; i++) {
                given().when().get("/api/v1/posts?limit=5").then().statusCode(503)
                        .contentType("application/problem+json").header("Retry-After", "5");
            }
            Management.given().when().get("/q/health/ready").then().statusCode(503)
                    .body(containsString("login was refused"));
            Management.given().when().get("/q/health/live").then().statusCode(200);
            // Refused while it lasts: the outage probe keeps asking, and keeps being refused.
            Thread.sleep(1200);
            Management.given().when().get("/q/health/ready").then().statusCode(503);

            RotatingCredentials.admin(switch (refusal) {
                case PASSWORD_CHANGED -> "ALTER ROLE " + RotatingCredentials.ROLE + " PASSWORD '" + working + "'";
                case NOLOGIN -> "ALTER ROLE " + RotatingCredentials.ROLE + " LOGIN";
            });
            awaitServing();
        } finally {
            log.close();
            // Leave the role as the other suites of this profile expect it, whatever happened above.
            RotatingCredentials.admin("ALTER ROLE " + RotatingCredentials.ROLE + " LOGIN PASSWORD '" + working + "'");
        }

        List<String> warnings = log.warningsAndErrors();
        assertEquals(1, warnings.stream().filter(line -> line.contains("login was refused")).count(),
                "one line says the login was refused: " + warnings);
        assertTrue(warnings.stream().anyMatch(line -> line.contains("login was refused")
                && line.contains('"' + RotatingCredentials.ROLE + '"')), "and names the role: " + warnings);
        assertTrue(warnings.size() <= 2, "a handful of lines, not one per request or probe: " + warnings);
        assertTrue(warnings.stream().noneMatch(line -> line.contains("[")), "no stack trace: " + warnings);
        for (String line : log.messages()) {
            assertFalse(line.contains(working) || line.contains(elsewhere), "a password reached the log: " + line);
        }
        assertTrue(log.messages().stream().anyMatch(line -> line.startsWith("Database available again after")),
                "the end of the outage is logged: " + log.messages());
    }

    /** Readiness and a request both say the service serves, within a few probe intervals. */
    private static void awaitServing() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (Management.given().when().get("/q/health/ready").statusCode() != 200
                || given().when().get("/api/v1/posts?limit=5").statusCode() != 200) {
            assertTrue(System.currentTimeMillis() < deadline, "recovered by itself once the login works again");
            Thread.sleep(100);
        }
    }
}

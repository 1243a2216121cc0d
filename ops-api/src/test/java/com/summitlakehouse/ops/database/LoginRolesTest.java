package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The release's migrate step makes the services' login roles; a second release sets their passwords again. */
@QuarkusTest
@TestProfile(LoginRolesTest.WithPasswords.class)
class LoginRolesTest {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String API = "test_api_login_" + SUFFIX;
    static final String MIRROR = "test_mirror_login_" + SUFFIX;
    static final String API_PASSWORD = "api 'pass\" $word " + SUFFIX;
    static final String MIRROR_PASSWORD = "mirror-" + SUFFIX;

    public static class WithPasswords implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ops.login-roles.api-user", API, "ops.login-roles.api-password", API_PASSWORD,
                    "ops.login-roles.mirror-user", MIRROR, "ops.login-roles.mirror-password", MIRROR_PASSWORD);
        }
    }

    @Inject
    Flyway flyway;

    @AfterAll
    static void dropLoginRoles() throws SQLException {
        // Roles belong to the server, not to the suite's database (which may already be dropped).
        try (Connection c = TestDatabase.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + API + ", " + MIRROR);
        }
    }

    static String one(String sql) throws SQLException {
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static String verifier(String role) throws SQLException {
        return one("SELECT rolpassword FROM pg_authid WHERE rolname = '" + role + "'");
    }

    /** The verifier LoginRoles would make with the salt of the one stored, so equal only for the same password. */
    static String sameSalt(String stored, String password) {
        String salt = stored.substring(stored.indexOf(':') + 1, stored.indexOf('$', stored.indexOf(':')));
        return LoginRoles.scramVerifier(password, Base64.getDecoder().decode(salt));
    }

    @Test
    void theMigrationsMakeEachLoginRoleAMemberOfItsGroupWithItsPassword() throws Exception {
        assertEquals("t", one("SELECT rolcanlogin FROM pg_roles WHERE rolname = '" + API + "'"));
        assertEquals("t", one("SELECT pg_has_role('" + API + "', 'summit_api', 'member')"));
        assertEquals("t", one("SELECT pg_has_role('" + MIRROR + "', 'summit_mirror', 'member')"));
        assertEquals("f", one("SELECT pg_has_role('" + MIRROR + "', 'summit_api', 'member')"));
        assertEquals("{statement_timeout=5s}", one("SELECT rolconfig FROM pg_roles WHERE rolname = '" + API + "'"));
        String stored = verifier(API);
        assertTrue(stored.startsWith("SCRAM-SHA-256$4096:"), "a verifier, never the password: " + stored);
        assertEquals(stored, sameSalt(stored, API_PASSWORD));
        assertNotEquals(stored, sameSalt(stored, API_PASSWORD + "x"));
        assertEquals(verifier(MIRROR), sameSalt(verifier(MIRROR), MIRROR_PASSWORD));
    }

    @Test
    void theVerifierIsTheOnePostgresqlMakesOfTheSamePassword() throws Exception {
        String scratch = "test_scram_" + SUFFIX;
        TestDatabase.execute("SET password_encryption = 'scram-sha-256'; CREATE ROLE " + scratch
                + " PASSWORD 'correct horse " + SUFFIX + "'");
        try {
            String byPostgres = verifier(scratch);
            assertEquals(byPostgres, sameSalt(byPostgres, "correct horse " + SUFFIX));
        } finally {
            TestDatabase.execute("DROP ROLE " + scratch);
        }
    }

    @Test
    void theNextReleaseSetsThePasswordsAgainWithoutFailing() throws Exception {
        String before = verifier(MIRROR);
        flyway.migrate();
        String after = verifier(MIRROR);
        assertNotEquals(before, after, "a fresh salt: the password was set again");
        assertEquals(after, sameSalt(after, MIRROR_PASSWORD));
    }
}

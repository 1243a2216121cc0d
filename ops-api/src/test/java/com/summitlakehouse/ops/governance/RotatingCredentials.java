package com.summitlakehouse.ops.governance;

import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.ops.support.TestDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * Production's shape for one suite: migrations run first as the owner, then ops-api starts as a login role of the
 * API group that must authenticate with a password (pg_hba: members of summit_password_login use scram-sha-256),
 * reading its credentials from a secret directory of files.
 */
public class RotatingCredentials implements QuarkusTestResourceLifecycleManager {

    static final String ROLE = "rotation_" + UUID.randomUUID().toString().substring(0, 8);
    static final String FIRST_PASSWORD = "first-" + UUID.randomUUID();

    static Path secrets;
    static Path log;

    @Override
    public Map<String, String> start() {
        try {
            Flyway.configure()
                    .dataSource(TestDatabase.jdbcUrl(), TestDatabase.USER, TestDatabase.PASSWORD)
                    .locations("classpath:db/migration")
                    .placeholders(Map.of("api_role", "summit_api", "mirror_role", "summit_mirror"))
                    .load().migrate();
            admin("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + FIRST_PASSWORD
                    + "' IN ROLE summit_api, summit_password_login");
            secrets = TempFiles.directory("ops-api-secrets");
            Files.writeString(secrets.resolve("lakebase_user"), ROLE + "\n");
            Files.writeString(secrets.resolve("lakebase_password"), FIRST_PASSWORD + "\n");
            log = TempFiles.file("ops-api-rotation", ".log");
            return Map.of(
                    "SECRETS_DIR", secrets.toString(),
                    // The role only has a password in these files; the suite's own user is not used.
                    "lakebase_user", ROLE,
                    "quarkus.flyway.migrate-at-start", "false",
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", log.toString(),
                    "quarkus.log.file.level", "ALL");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The role holds privileges only through its groups, so it can go from any database.
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl().replaceFirst("/[^/]+$", "/postgres"),
                TestDatabase.USER, TestDatabase.PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static void admin(String sql) {
        try (Connection c = DriverManager.getConnection(TestDatabase.jdbcUrl(), TestDatabase.USER,
                TestDatabase.PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}

package com.summitlakehouse.mirror.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A database of the suite's own on the real PostgreSQL, with the operational schema applied from ops-api's own
 * migrations (the schema the mirror reads in production), and an empty warehouse directory.
 */
public class SourceDatabase implements QuarkusTestResourceLifecycleManager {

    public static final String HOST = env("TEST_PG_HOST", "127.0.0.1");
    public static final String PORT = env("TEST_PG_PORT", "5432");
    public static final String USER = env("TEST_PG_USER", "postgres");
    static final Path MIGRATIONS = Path.of("../ops-api/src/main/resources/db/migration");

    private static String name;
    private static Path warehouse;

    @Override
    public Map<String, String> start() {
        name = "mirror_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            execute("postgres", "CREATE DATABASE " + name);
            Flyway.configure()
                    .dataSource("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, "")
                    .locations("filesystem:" + MIGRATIONS.toAbsolutePath())
                    .placeholders(Map.of("api_role", "summit_api", "mirror_role", "summit_mirror"))
                    .load().migrate();
            warehouse = Files.createTempDirectory("mirror-warehouse");
            // Main-mode tests see this class through another class loader than the resource's: share by property.
            System.setProperty("summit.test.database", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // lakebase_user only when it differs from the default (postgres): set here, it would override the user that
        // a suite's own secret directory names.
        Map<String, String> config = new java.util.HashMap<>(Map.of("lakebase_host", HOST, "lakebase_port", PORT,
                "lakebase_db", name, "mirror.warehouse", warehouse.toString()));
        if (!USER.equals("postgres")) {
            config.put("lakebase_user", USER);
        }
        return config;
    }

    @Override
    public void stop() {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        try (Stream<Path> files = Files.walk(warehouse)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path warehouse() {
        return warehouse;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + name, USER, "");
    }

    public static void execute(String sql) {
        execute(name(), sql);
    }

    public static String name() {
        return System.getProperty("summit.test.database");
    }

    /** Runs a statement from the maintenance database, for changes to the suite's database itself. */
    public static void executeAsAdmin(String sql) {
        execute("postgres", sql);
    }

    private static void execute(String database, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + HOST + ":" + PORT + "/" + database,
                USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + e.getMessage(), e);
        }
    }

    private static String env(String key, String fallback) {
        String value = System.getenv(key);
        return value == null || value.isBlank() ? fallback : value;
    }
}

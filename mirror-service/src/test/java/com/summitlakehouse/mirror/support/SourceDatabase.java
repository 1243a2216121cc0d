package com.summitlakehouse.mirror.support;

import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.testing.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;

/**
 * A database of the suite's own on a real PostgreSQL (the one {@link TestPostgres} chooses), with the operational schema applied from ops-api's own
 * migrations (the schema the mirror reads in production), and an empty warehouse directory.
 */
public class SourceDatabase implements QuarkusTestResourceLifecycleManager {

    public static final TestPostgres.Server SERVER = TestPostgres.server();

    /**
     * For {@code @EnabledIf}: suites that need TLS or password logins run only on a server prepared for them (see
     * {@link TestPostgres.Server#prepared()}), and are reported as skipped elsewhere.
     */
    public static boolean preparedServer() {
        return SERVER.prepared();
    }
    static final Path MIGRATIONS = Path.of("../ops-api/src/main/resources/db/migration");

    private static String name;
    private static Path warehouse;

    @Override
    public Map<String, String> start() {
        name = "mirror_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            execute("postgres", "CREATE DATABASE " + name);
            Flyway.configure()
                    .dataSource(SERVER.jdbcUrl(name), SERVER.user(), SERVER.password())
                    .locations("filesystem:" + MIGRATIONS.toAbsolutePath())
                    .placeholders(Map.of("api_role", "summit_api", "mirror_role", "summit_mirror"))
                    .load().migrate();
            warehouse = TempFiles.directory("mirror-warehouse");
            // Main-mode tests see this class through another class loader than the resource's: share by property.
            System.setProperty("summit.test.database", name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // User and password only when they differ from the defaults (postgres, none): set here, they would override
        // what a suite's own secret directory names.
        Map<String, String> config = new java.util.HashMap<>(Map.of("lakebase_host", SERVER.host(),
                "lakebase_port", Integer.toString(SERVER.port()), "lakebase_db", name,
                "mirror.warehouse", warehouse.toString()));
        if (!SERVER.user().equals("postgres")) {
            config.put("lakebase_user", SERVER.user());
        }
        if (!SERVER.password().isEmpty()) {
            config.put("lakebase_password", SERVER.password());
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
        return SERVER.connect(name());
    }

    public static void execute(String sql) {
        execute(name(), sql);
    }

    /** The external ids of the visible posts: what the gold posts table must hold. */
    public static java.util.Set<String> visiblePostIds() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                java.sql.ResultSet rows = s.executeQuery("SELECT external_id FROM social_posts WHERE is_visible")) {
            java.util.Set<String> ids = new java.util.HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    public static String name() {
        return System.getProperty("summit.test.database");
    }

    /** Runs a statement from the maintenance database, for changes to the suite's database itself. */
    public static void executeAsAdmin(String sql) {
        execute("postgres", sql);
    }

    private static void execute(String database, String sql) {
        try (Connection c = SERVER.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + e.getMessage(), e);
        }
    }
}

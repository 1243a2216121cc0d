package com.summitlakehouse.ops.support;

import com.summitlakehouse.testing.TestPostgres;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * Gives the test suite a database of its own on a real PostgreSQL (the one {@link TestPostgres} chooses: TEST_PG_*,
 * else the machine's own, else a container), and a fresh RSA key pair for the admin JWTs. Both go away afterwards.
 */
public class TestDatabase implements QuarkusTestResourceLifecycleManager {

    public static final TestPostgres.Server SERVER = TestPostgres.server();

    /**
     * For {@code @EnabledIf}: suites that need TLS or password logins run only on a server prepared for them (see
     * {@link TestPostgres.Server#prepared()}), and are reported as skipped elsewhere.
     */
    public static boolean preparedServer() {
        return SERVER.prepared();
    }
    public static final String HOST = SERVER.host();
    public static final String PORT = Integer.toString(SERVER.port());
    public static final String USER = SERVER.user();
    public static final String PASSWORD = SERVER.password();

    private static String name;
    private static PrivateKey signingKey;

    @Override
    public Map<String, String> start() {
        name = "ops_api_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("postgres", "CREATE DATABASE " + name);
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            signingKey = keys.getPrivate();
            String publicKey = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "lakebase_host", HOST,
                    "lakebase_port", PORT,
                    "lakebase_db", name,
                    "lakebase_user", USER,
                    "jwt_public_key", publicKey));
            if (!PASSWORD.isEmpty()) {
                config.put("lakebase_password", PASSWORD);
            }
            return config;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        execute("postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    public static PrivateKey signingKey() {
        return signingKey;
    }

    /** A JDBC connection to the suite's database, for seeding and for checking what the API wrote. */
    public static Connection connect() throws SQLException {
        return connect(name);
    }

    public static String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + name;
    }

    public static Connection connect(String database) throws SQLException {
        return SERVER.connect(database);
    }

    public static void execute(String sql) {
        execute(name, sql);
    }

    private static void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed: " + e.getMessage(), e);
        }
    }
}

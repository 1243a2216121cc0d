package com.summitlakehouse.ops.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.ApiProcess;
import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.testing.TestJvm;
import com.summitlakehouse.testing.TlsPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * ops-api started as the production overlay starts it (deploy/kubernetes/overlays/production: the same environment
 * variables, the CA as the secret's file lakebase_ca.pem), against a PostgreSQL that accepts TLS only and whose
 * certificate a CA of the test's own signed, for the name localhost: the migrate step (Flyway over JDBC), the
 * requests' pool and the listening connection (ops.database.listen-url) each verify the server (verify-full). With
 * another CA the migrate step exits with one clear line and touches nothing, and the pool and the listener refuse the
 * server; with a host name the certificate does not name, they refuse it too.
 */
@EnabledIf(value = "com.summitlakehouse.testing.TlsPostgres#available",
        disabledReason = "needs PostgreSQL 15's initdb and openssl")
class DatabaseVerifyFullIT {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static TlsPostgres server;
    static String jwtPublicKey;

    @BeforeAll
    static void start() throws Exception {
        server = TlsPostgres.start();
        var keys = KeyPairGenerator.getInstance("RSA");
        keys.initialize(2048);
        jwtPublicKey = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.generateKeyPair().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theMigrationThePoolAndTheListenerEachVerifyTheServer() throws Exception {
        server.execute("postgres", "CREATE DATABASE summit_verified");
        Path owner = secrets("summit_verified", "localhost", server.ca);
        Migration migration = migrate(owner);
        assertEquals(0, migration.exit(), migration.output());
        assertTrue(tables("summit_verified").contains("flyway_schema_history"), "migrated over verify-full");

        Path secrets = secrets("summit_verified", "localhost", server.ca);
        try (ApiProcess api = ApiProcess.start(Map.of(), service(secrets, "localhost", "summit_verified"))) {
            assertEquals(200, status(api.api("/api/v1/posts?limit=1")));
            awaitListening(api, true);
            // Every connection of the service (application_name ops-api) is TLS; the server accepts no other.
            try (Connection c = server.connect("summit_verified"); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*), bool_and(l.ssl) FROM pg_stat_activity a "
                            + "JOIN pg_stat_ssl l USING (pid) WHERE a.application_name = 'ops-api'")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 2, "the pool's connection and the listener's: " + rs.getInt(1));
                assertTrue(rs.getBoolean(2), "all over TLS");
            }
        }
    }

    @Test
    void anotherCaIsRefusedAtStartUpAndByThePoolAndTheListener() throws Exception {
        server.execute("postgres", "CREATE DATABASE summit_other_ca");
        Migration migration = migrate(secrets("summit_other_ca", "localhost", server.otherCa));
        assertEquals(1, migration.exit(), migration.output());
        List<String> lines = migration.output().lines().filter(l -> l.contains("certificate")).toList();
        assertEquals(1, lines.size(), "one clear line:\n" + migration.output());
        assertFalse(migration.output().contains("\tat "), "no stack trace:\n" + migration.output());
        assertEquals(List.of(), tables("summit_other_ca"), "nothing migrated");

        // The service itself opens nothing at start-up (a scale-to-zero database sleeps on): the first request finds
        // the server refused, answers 503, and readiness says why.
        Path secrets = secrets("summit_other_ca", "localhost", server.otherCa);
        try (ApiProcess api = ApiProcess.start(Map.of(), service(secrets, "localhost", "summit_other_ca"))) {
            assertEquals(503, status(api.api("/api/v1/posts?limit=1")), api.log());
            HttpResponse<String> ready = get(api.management("/q/health/ready"));
            assertEquals(503, ready.statusCode(), ready.body());
            assertTrue(ready.body().contains("certificate"), ready.body());
            awaitListening(api, false);
            assertTrue(api.log().lines().anyMatch(l -> l.contains("Database unavailable") && l.contains("certificate")),
                    api.log());
        }
    }

    @Test
    void aHostNameTheCertificateDoesNotNameIsRefused() throws Exception {
        server.execute("postgres", "CREATE DATABASE summit_by_address");
        // The pool by the certificate's name, the listener by an address the certificate does not name: requests are
        // served, the listener is refused.
        Path secrets = secrets("summit_by_address", "localhost", server.ca);
        Map<String, String> env = service(secrets, "127.0.0.1", "summit_by_address");
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("LAKEBASE_SSLMODE", "verify-full");
        env.put("LAKEBASE_SSLROOTCERT", secrets.resolve("lakebase_ca.pem").toString());
        try (ApiProcess api = ApiProcess.start(Map.of(), env)) {
            assertEquals(200, status(api.api("/api/v1/posts?limit=1")));
            awaitListening(api, false);
        }
        // And the pool by the address: refused.
        Path byAddress = secrets("summit_by_address", "127.0.0.1", server.ca);
        try (ApiProcess api = ApiProcess.start(Map.of(), service(byAddress, "localhost", "summit_by_address"))) {
            assertEquals(503, status(api.api("/api/v1/posts?limit=1")), api.log());
        }
    }

    record Migration(int exit, String output) {
    }

    /** The migrate step of the overlay's ops-api pod (its init container), as the schema owner. */
    private static Migration migrate(Path ownerSecrets) throws Exception {
        Path log = TempFiles.file("ops-api-migrate", ".log");
        ProcessBuilder builder = new ProcessBuilder(TestJvm.command("-jar", ApiProcess.JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "true");
        env.put("QUARKUS_INIT_AND_EXIT", "true");
        env.put("SECRETS_DIR", ownerSecrets.toString());
        env.put("LAKEBASE_SSLMODE", "verify-full");
        env.put("LAKEBASE_SSLROOTCERT", ownerSecrets.resolve("lakebase_ca.pem").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the migrate step ends");
        return new Migration(process.exitValue(), Files.readString(log));
    }

    /** The overlay's environment of the ops-api container, with the listen URL a site behind a pooler sets. */
    private static Map<String, String> service(Path secrets, String listenHost, String database) {
        Map<String, String> env = new HashMap<>();
        env.put("SECRETS_DIR", secrets.toString());
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "verify-full");
        env.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_ALL", "false");
        env.put("QUARKUS_DATASOURCE_REACTIVE_TRUST_CERTIFICATE_PEM_CERTS",
                secrets.resolve("lakebase_ca.pem").toString());
        env.put("QUARKUS_DATASOURCE_REACTIVE_HOSTNAME_VERIFICATION_ALGORITHM", "HTTPS");
        env.put("OPS_DATABASE_LISTEN_URL", "postgresql://" + listenHost + ":" + server.port + "/" + database);
        return env;
    }

    /** A secret directory as the site's secretGenerator makes it: one file per key, the CA as lakebase_ca.pem. */
    private static Path secrets(String database, String host, Path ca) throws Exception {
        Path dir = TempFiles.directory("ops-api-secrets");
        Files.writeString(dir.resolve("lakebase_host"), host);
        Files.writeString(dir.resolve("lakebase_port"), Integer.toString(server.port));
        Files.writeString(dir.resolve("lakebase_db"), database);
        Files.writeString(dir.resolve("lakebase_user"), "postgres");
        Files.writeString(dir.resolve("jwt_public_key"), jwtPublicKey);
        Files.copy(ca, dir.resolve("lakebase_ca.pem"));
        return dir;
    }

    private static List<String> tables(String database) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                        + "ORDER BY 1")) {
            List<String> found = new java.util.ArrayList<>();
            while (rs.next()) {
                found.add(rs.getString(1));
            }
            return found;
        }
    }

    /** Waits for the listener to say it listens (or, for false, gives it time enough to have tried several times). */
    private static void awaitListening(ApiProcess api, boolean expected) throws Exception {
        long deadline = System.nanoTime() + (expected ? 15_000_000_000L : 4_000_000_000L);
        boolean listening = false;
        while (System.nanoTime() < deadline) {
            listening = get(api.management("/q/metrics")).body().contains("ops_public_changes_listening 1.0");
            if (listening && expected) {
                break;
            }
            assertFalse(listening && !expected, "the listener connected although it should have been refused");
            Thread.sleep(200);
        }
        assertEquals(expected, listening, api.log());
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int status(URI uri) throws Exception {
        return get(uri).statusCode();
    }
}

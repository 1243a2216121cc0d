package com.summitlakehouse.ops.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The datasource settings as shipped for production (the prod profile: sslmode require, and nothing a test sets
 * itself) encrypt the service's connections, and refuse a server that offers no TLS.
 */
@QuarkusTest
@TestProfile(DatabaseTlsTest.AsShipped.class)
@org.junit.jupiter.api.condition.EnabledIf(value = "com.summitlakehouse.ops.support.TestDatabase#preparedServer",
        disabledReason = "needs a PostgreSQL with TLS on (deploy/local/postgres.sh)")
class DatabaseTlsTest {

    /** The prod profile, with only what a test run needs on top: a free HTTP port. */
    public static class AsShipped implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.test-port", "0");
        }
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.reactive.postgresql.ssl-mode")
    String sslMode;

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.reactive.trust-all")
    boolean trustAll;

    @Test
    void theServicesConnectionsAreEncrypted() {
        Row row = pool.query("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertTrue(row.getBoolean("ssl"), "pg_stat_ssl.ssl");
        assertTrue(row.getString("version").startsWith("TLS"), row.getString("version"));
    }

    @Test
    void theShippedSettingsRefuseAServerWithoutTls() throws Exception {
        // A server that answers the client's SSLRequest with 'N', as PostgreSQL does with ssl = off. The client takes
        // its TLS settings from the service's configuration as the prod profile resolves it.
        try (ServerSocket plain = new ServerSocket(0)) {
            java.util.concurrent.atomic.AtomicInteger sslRequest = new java.util.concurrent.atomic.AtomicInteger();
            Thread server = new Thread(() -> {
                try (Socket client = plain.accept(); InputStream in = client.getInputStream()) {
                    byte[] request = in.readNBytes(8);
                    sslRequest.set(java.nio.ByteBuffer.wrap(request).getInt(4));
                    client.getOutputStream().write('N');
                    client.getOutputStream().flush();
                    in.read();
                } catch (Exception ignored) {
                    // the client hangs up
                }
            });
            server.start();
            assertEquals("require", sslMode, "the shipped production setting");
            PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(plain.getLocalPort())
                    .setDatabase("summit").setUser("postgres").setSslMode(SslMode.of(sslMode)).setTrustAll(trustAll)
                    .setConnectTimeout(3000);
            Exception refused = assertThrows(Exception.class,
                    () -> PgConnection.connect(vertx, options).await().atMost(Duration.ofSeconds(10)));
            assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("ssl"), refused.toString());
            assertEquals(80877103, sslRequest.get(), "the client asked for TLS first (SSLRequest)");
            server.join(5000);
        }
    }
}

package com.summitlakehouse.ops.governance;

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

/** With sslmode require (the default outside dev and test) the service's connections are encrypted. */
@QuarkusTest
@TestProfile(DatabaseTlsTest.RequireTls.class)
class DatabaseTlsTest {

    public static class RequireTls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.datasource.reactive.postgresql.ssl-mode", "require",
                    "quarkus.datasource.reactive.trust-all", "true",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", "require");
        }
    }

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Test
    void theServicesConnectionsAreEncrypted() {
        Row row = pool.query("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute()
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertTrue(row.getBoolean("ssl"), "pg_stat_ssl.ssl");
        assertTrue(row.getString("version").startsWith("TLS"), row.getString("version"));
    }

    @Test
    void requireRefusesAServerWithoutTls() throws Exception {
        // A server that answers the client's SSLRequest with 'N', as PostgreSQL does with ssl = off.
        try (ServerSocket plain = new ServerSocket(0)) {
            Thread server = new Thread(() -> {
                try (Socket client = plain.accept(); InputStream in = client.getInputStream()) {
                    in.readNBytes(8);
                    client.getOutputStream().write('N');
                    client.getOutputStream().flush();
                    in.read();
                } catch (Exception ignored) {
                    // the client hangs up
                }
            });
            server.start();
            PgConnectOptions options = new PgConnectOptions().setHost("127.0.0.1").setPort(plain.getLocalPort())
                    .setDatabase("summit").setUser("postgres").setSslMode(SslMode.REQUIRE).setTrustAll(true)
                    .setConnectTimeout(3000);
            Exception refused = assertThrows(Exception.class,
                    () -> PgConnection.connect(vertx, options).await().atMost(Duration.ofSeconds(10)));
            assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("ssl"), refused.toString());
            server.join(5000);
        }
    }
}

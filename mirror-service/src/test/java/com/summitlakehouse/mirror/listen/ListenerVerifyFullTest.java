package com.summitlakehouse.mirror.listen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.summitlakehouse.testing.Eventually;
import com.summitlakehouse.testing.TlsPostgres;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The listening connection takes the datasource's driver settings: with verify-full and the CA that signed the
 * server's certificate (a CA this test makes) it listens, its delivery check included.
 */
@QuarkusTest
@TestProfile(ListenerVerifyFullTest.VerifyFull.class)
@EnabledIf(value = "com.summitlakehouse.testing.TlsPostgres#available",
        disabledReason = "needs PostgreSQL 15's initdb and openssl")
class ListenerVerifyFullTest {

    public static class VerifyFull implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return settings(ca -> ca.ca.toString());
        }
    }

    static Map<String, String> settings(java.util.function.Function<TlsPostgres, String> caFile) {
        try {
            TlsPostgres server = TlsPostgres.shared();
            // localhost: the name the server's certificate was made for, checked by verify-full.
            return Map.of("mirror.listen.enabled", "true", "mirror.listen.connect-timeout", "3s",
                    "mirror.listen.url", "jdbc:postgresql://localhost:" + server.port + "/postgres",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode", "verify-full",
                    "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert", caFile.apply(server));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Inject
    ChangeListener listener;

    @Test
    void withTheServersCaTheListenerListens() throws Exception {
        Eventually.await("listening over verify-full", Duration.ofSeconds(30),
                () -> listener.state() == ChangeListener.State.LISTENING);
        assertEquals(ChangeListener.State.LISTENING, listener.state());
    }
}

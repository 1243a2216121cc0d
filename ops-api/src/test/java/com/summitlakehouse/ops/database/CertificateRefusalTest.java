package com.summitlakehouse.ops.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.DecoderException;
import io.vertx.core.VertxException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * A server certificate that verify-full refuses is an unavailable database (503, readiness DOWN), not a bug (500),
 * however the client reports it; and the migrate step tells it apart from other failures to connect.
 */
class CertificateRefusalTest {

    @Test
    void theReactiveClientsHandshakeFailureIsARefusedCertificate() {
        // What the PostgreSQL client says when the handshake fails: no cause, only these words.
        assertRefused(new VertxException("SSL handshake failed", true));
        assertRefused(new DecoderException(new SSLHandshakeException("PKIX path building failed")));
        assertRefused(new java.io.IOException("closed",
                new CertificateException("No subject alternative DNS name matching 127.0.0.1 found.")));
        assertNull(DatabaseFailure.of(new VertxException("something else", true)), "not every VertxException");
    }

    @Test
    void theMigrationsDriverFailuresAreToldApart() {
        assertTrue(MigrationConnectionCheck.certificateRefused(new SQLException("SSL error: PKIX path building failed",
                "08006", new SSLHandshakeException("PKIX path building failed"))));
        assertTrue(MigrationConnectionCheck.certificateRefused(new SQLException(
                "The hostname 127.0.0.1 could not be verified by hostnameverifier PgjdbcHostnameVerifier.", "08006")));
        assertFalse(MigrationConnectionCheck.certificateRefused(new SQLException("Connection refused", "08001",
                new java.net.ConnectException("Connection refused"))));
    }

    private static void assertRefused(Throwable failure) {
        DatabaseFailure classified = DatabaseFailure.of(failure);
        assertEquals(DatabaseFailure.Kind.CERTIFICATE_REFUSED, classified == null ? null : classified.kind(),
                String.valueOf(failure));
    }
}

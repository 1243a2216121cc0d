package com.summitlakehouse.ops.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.CertificateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Before the migrations at start-up, one connection of the migrations' own datasource (it goes back to the pool and
 * Flyway takes it from there): when it cannot be made, the start ends with one line saying why, not Flyway's stack
 * of wrapped exceptions. Above all a server certificate that verify-full refuses (another CA in lakebase_ca.pem, or a
 * host name the certificate does not name), which a site meets on its first release.
 */
@ApplicationScoped
class MigrationConnectionCheck implements FlywayConfigurationCustomizer {

    private final boolean migrateAtStart;
    private final Optional<String> sslMode;
    private final Optional<String> sslRootCert;

    MigrationConnectionCheck(@ConfigProperty(name = "quarkus.flyway.migrate-at-start") boolean migrateAtStart,
            @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.sslmode")
            Optional<String> sslMode,
            @ConfigProperty(name = "quarkus.datasource.jdbc.additional-jdbc-properties.sslrootcert")
            Optional<String> sslRootCert) {
        this.migrateAtStart = migrateAtStart;
        this.sslMode = sslMode;
        this.sslRootCert = sslRootCert;
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        DataSource migrations = configuration.getDataSource();
        if (!migrateAtStart || migrations == null) {
            return; // nothing connects at start-up
        }
        try (Connection ignored = migrations.getConnection()) {
            // reachable, and the server's certificate accepted
        } catch (SQLException e) {
            // A configuration failure: Quarkus prints its message alone, without a stack trace, and exits 1.
            throw new ConfigurationException("Migrations not run: " + (certificateRefused(e)
                    ? "the database server's certificate was refused (sslmode " + sslMode.orElse("unset")
                            + "): it is not signed by the CA in " + sslRootCert.orElse("the driver's default file")
                            + " (lakebase_ca.pem of the secret), or it does not name the host (lakebase_host)"
                    : "cannot connect to the database") + ". The driver said: " + e.getMessage());
        }
    }

    /** The driver's TLS failures: the handshake refused (wrong CA) or the host name not on the certificate. */
    static boolean certificateRefused(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof CertificateException
                    || String.valueOf(t.getMessage()).contains("could not be verified by hostnameverifier")) {
                return true;
            }
        }
        return false;
    }
}

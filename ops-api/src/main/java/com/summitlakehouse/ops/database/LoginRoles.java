package com.summitlakehouse.ops.database;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jboss.logging.Logger;

/**
 * After every migration, the services' login roles: each created, or its password set anew, as a member of the group
 * role the migrations grant to, when its password is configured (a managed service that issues tokens needs none:
 * grant the group to its identity instead). The schema owner needs CREATEROLE for it. Passwords reach the server as
 * SCRAM-SHA-256 verifiers, never as text a statement log could keep. What deploy/database/login-roles.sql does by
 * hand, done by the release's migrate step.
 */
@ApplicationScoped
class LoginRoles implements FlywayConfigurationCustomizer {

    private static final Logger LOG = Logger.getLogger(LoginRoles.class);
    private static final int ITERATIONS = 4096;

    record Login(String user, Optional<String> password, String group, String statementTimeout) {
    }

    private final List<Login> logins;

    LoginRoles(@ConfigProperty(name = "ops.login-roles.api-user") String apiUser,
            @ConfigProperty(name = "ops.login-roles.api-password") Optional<String> apiPassword,
            @ConfigProperty(name = "quarkus.flyway.placeholders.api_role") String apiGroup,
            @ConfigProperty(name = "ops.login-roles.mirror-user") String mirrorUser,
            @ConfigProperty(name = "ops.login-roles.mirror-password") Optional<String> mirrorPassword,
            @ConfigProperty(name = "quarkus.flyway.placeholders.mirror_role") String mirrorGroup) {
        this.logins = List.of(new Login(apiUser, apiPassword.map(String::strip), apiGroup, "5s"),
                new Login(mirrorUser, mirrorPassword.map(String::strip), mirrorGroup, "30min"));
    }

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration.callbacks(new Callback() {
            @Override
            public boolean supports(Event event, Context context) {
                return event == Event.AFTER_MIGRATE;
            }

            @Override
            public boolean canHandleInTransaction(Event event, Context context) {
                return true;
            }

            @Override
            public void handle(Event event, Context context) {
                try {
                    apply(context.getConnection());
                } catch (SQLException e) {
                    throw new IllegalStateException("Login roles not made: " + e.getMessage(), e);
                }
            }

            @Override
            public String getCallbackName() {
                return "login-roles";
            }
        });
    }

    void apply(Connection connection) throws SQLException {
        for (Login login : logins) {
            if (login.password().isEmpty() || login.password().get().isEmpty()) {
                continue;
            }
            boolean exists;
            try (PreparedStatement find = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                find.setString(1, login.user());
                try (ResultSet rs = find.executeQuery()) {
                    exists = rs.next();
                }
            }
            String verifier = scramVerifier(login.password().get(), salt());
            execute(connection, exists ? "ALTER ROLE %I LOGIN PASSWORD %L" : "CREATE ROLE %I LOGIN PASSWORD %L",
                    login.user(), verifier);
            execute(connection, "GRANT %I TO %I", login.group(), login.user());
            execute(connection, "ALTER ROLE %I SET statement_timeout = %L", login.user(), login.statementTimeout());
            LOG.infof("Login role %s %s, member of %s", login.user(), exists ? "updated" : "created", login.group());
        }
    }

    /** Quotes identifiers and literals on the server (format's %I and %L), then runs the statement. */
    private static void execute(Connection connection, String template, String... arguments) throws SQLException {
        StringBuilder call = new StringBuilder("SELECT format(?");
        for (int i = 0; i < arguments.length; i++) {
            call.append(", ?");
        }
        String statement;
        try (PreparedStatement format = connection.prepareStatement(call.append(")").toString())) {
            format.setString(1, template);
            for (int i = 0; i < arguments.length; i++) {
                format.setString(i + 2, arguments[i]);
            }
            try (ResultSet rs = format.executeQuery()) {
                rs.next();
                statement = rs.getString(1);
            }
        }
        try (Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private static byte[] salt() {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

    /** PostgreSQL's stored form of a SCRAM-SHA-256 password (RFC 5802, RFC 7677), as libpq's PQencryptPasswordConn. */
    static String scramVerifier(String password, byte[] salt) {
        try {
            SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            byte[] salted = pbkdf2.generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256))
                    .getEncoded();
            byte[] clientKey = hmac(salted, "Client Key");
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + ITERATIONS + ":" + b64.encodeToString(salt) + "$"
                    + b64.encodeToString(storedKey) + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String text) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    }
}

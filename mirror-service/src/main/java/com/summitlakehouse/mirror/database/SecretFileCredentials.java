package com.summitlakehouse.mirror.database;

import io.quarkus.credentials.CredentialsProvider;
import com.summitlakehouse.mirror.job.MirrorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database user and password, read from the secret directory for every new connection (the pool's and the
 * listener's), so that a rotated password is used without a restart by a mirror that runs for weeks. Without the
 * files (local runs, tests) the configured ones are used.
 */
@ApplicationScoped
@Named(SecretFileCredentials.NAME)
public class SecretFileCredentials implements CredentialsProvider {

    public static final String NAME = "lakebase-secret-files";

    private final Path directory;
    private final String configuredUser;
    private final String configuredPassword;

    SecretFileCredentials(MirrorConfig config,
            @ConfigProperty(name = "quarkus.datasource.username") String configuredUser,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> configuredPassword) {
        this.directory = Path.of(config.database().secretsDirectory());
        this.configuredUser = configuredUser;
        this.configuredPassword = configuredPassword.orElse("");
    }

    @Override
    public Map<String, String> getCredentials(String credentialsProviderName) {
        return Map.of(USER_PROPERTY_NAME, user(), PASSWORD_PROPERTY_NAME, password());
    }

    public String user() {
        return read("lakebase_user", configuredUser);
    }

    public String password() {
        return read("lakebase_password", configuredPassword);
    }

    private String read(String file, String otherwise) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) {
            return otherwise;
        }
        try {
            return Files.readString(path).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Reading the secret file " + path + " failed", e);
        }
    }
}

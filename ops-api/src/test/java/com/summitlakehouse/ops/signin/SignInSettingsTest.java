package com.summitlakehouse.ops.signin;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignInSettingsTest {

    static List<String> problems(String... keysAndValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return SignInSettings.problems(key -> Optional.ofNullable(config.get(key)));
    }

    static void names(List<String> problems, String... keys) {
        assertEquals(keys.length, problems.size(), String.join("\n", problems));
        for (int i = 0; i < keys.length; i++) {
            assertTrue(problems.get(i).startsWith(keys[i] + " is "), problems.get(i));
        }
    }

    @Test
    void aCompleteProviderAndConsoleConfigurationPasses() {
        names(problems("ops_oidc_server_url", "https://sso.summit.events/realms/summit",
                "ops_oidc_issuer", "https://sso.summit.events/realms/summit", "ops_console_enabled", "true",
                "ops_console_client_id", "ops-console", "ops_console_client_secret", "s3cr3t-from-the-provider",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.trusted-proxies", "10.42.0.0/16"));
    }

    @Test
    void nothingToSignInWithIsOneLine() {
        names(problems(), "ops_oidc_server_url");
        names(problems("jwt_public_key", "-----BEGIN PUBLIC KEY-----"));
        names(problems("quarkus.oidc.tenant-enabled", "false"));
    }

    @Test
    void aProviderWithoutItsIssuerIsRefusedRatherThanGivenADefault() {
        names(problems("ops_oidc_server_url", "https://sso.summit.events/realms/summit"), "ops_oidc_issuer");
    }

    @Test
    void eachMissingOrPlaceholderValueIsNamedOnce() {
        names(problems("ops_oidc_server_url", "https://CHANGE-ME.example.com/realms/summit",
                        "ops_oidc_issuer", "https://auth.summit-lakehouse.example", "ops_console_enabled", "true",
                        "ops_console_client_id", "<console client id>", "ops_console_client_secret", "CHANGE-ME",
                        "quarkus.http.proxy.proxy-address-forwarding", "true"),
                "ops_oidc_issuer", "ops_console_client_secret", "ops_oidc_server_url", "ops_console_client_id",
                "quarkus.http.proxy.trusted-proxies");
        assertTrue(problems("ops_console_enabled", "true", "jwt_public_key", "k", "ops_oidc_issuer", "https://i")
                .get(0).contains("the console (ops_console_enabled=true) signs in at a provider"));
    }

    @Test
    void aSecretsValueIsNeverPrinted() {
        String line = problems("ops_oidc_server_url", "https://sso.summit.events", "ops_oidc_issuer",
                "https://sso.summit.events", "ops_console_enabled", "true", "ops_console_client_id", "c",
                "ops_console_client_secret", "changeme-but-secret-part").get(0);
        assertTrue(line.startsWith("ops_console_client_secret is a placeholder") && !line.contains("secret-part"),
                line);
    }

    @Test
    void verifyFullNeedsTheDatabasesCaFile() throws Exception {
        Path ca = TempFiles.file("lakebase_ca", ".pem");
        String[] base = {"jwt_public_key", "k", "quarkus.datasource.reactive.postgresql.ssl-mode", "verify-full"};
        names(problems(base), "quarkus.datasource.reactive.trust-certificate-pem.certs");
        names(problems(concat(base, "quarkus.datasource.reactive.trust-certificate-pem.certs", "/nowhere/ca.pem")),
                "quarkus.datasource.reactive.trust-certificate-pem.certs");
        names(problems(concat(base, "quarkus.datasource.reactive.trust-certificate-pem.certs", ca.toString())));
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}

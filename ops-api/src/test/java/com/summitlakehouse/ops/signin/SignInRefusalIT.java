package com.summitlakehouse.ops.signin;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.ApiProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built service under plain {@code java -jar} (the production profile), started as a site that copied the
 * examples without filling them in: it exits 1 before serving, with one line per value, and nothing else to read.
 */
class SignInRefusalIT {

    @Test
    void aProductionStartWithPlaceholdersExitsNamingEachValue() throws Exception {
        Path log = TempFiles.file("ops-api-sign-in", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ApiProcess.JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        var env = builder.environment();
        env.put("SECRETS_DIR", TempFiles.directory("ops-api-secrets").toString());
        // Refused before the database is needed for anything: a database that does not exist is fine.
        env.put("QUARKUS_FLYWAY_MIGRATE_AT_START", "false");
        env.put("QUARKUS_HTTP_PORT", "0");
        env.put("QUARKUS_MANAGEMENT_PORT", "0");
        env.put("OPS_OIDC_SERVER_URL", "https://CHANGE-ME.example.com/realms/summit");
        env.put("OPS_CONSOLE_ENABLED", "true");
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        Process api = builder.start();
        assertTrue(api.waitFor(60, TimeUnit.SECONDS), "ops-api exits");
        assertEquals(1, api.exitValue());
        List<String> lines = Files.readAllLines(log).stream().filter(l -> l.contains("Sign-in setting: ")).toList();
        List<String> named = lines.stream().map(l -> l.substring(l.indexOf("Sign-in setting: ") + 17))
                .map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(List.of("ops_oidc_issuer", "ops_console_client_secret", "ops_oidc_server_url",
                "quarkus.http.proxy.trusted-proxies"), named, String.join("\n", lines));
    }
}

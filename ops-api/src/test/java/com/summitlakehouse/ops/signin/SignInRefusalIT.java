package com.summitlakehouse.ops.signin;

import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.testing.TestJvm;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.ApiProcess;
import com.summitlakehouse.ops.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The built service under plain {@code java -jar} (the production profile), started as a site that copied the
 * examples without filling them in: it exits 1 before serving, with one line per value and no stack trace, and
 * before its migrations at start-up run: the database is left as it was.
 */
class SignInRefusalIT {

    @Test
    void aProductionStartWithPlaceholdersExitsNamingEachValueBeforeAnyMigration() throws Exception {
        TestDatabase database = new TestDatabase();
        Map<String, String> connection = database.start();
        try {
            Path log = TempFiles.file("ops-api-sign-in", ".log");
            ProcessBuilder builder = new ProcessBuilder(TestJvm.command("-jar", ApiProcess.JAR.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            var env = builder.environment();
            env.putAll(connection);
            env.put("SECRETS_DIR", TempFiles.directory("ops-api-secrets").toString());
            // As a local `java -jar` starts: migrations at start-up (the default), over TLS if the server offers it.
            env.put("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "prefer");
            env.put("QUARKUS_HTTP_PORT", "0");
            env.put("QUARKUS_MANAGEMENT_PORT", "0");
            env.put("OPS_OIDC_SERVER_URL", "https://CHANGE-ME.example.com/realms/summit");
            env.put("OPS_CONSOLE_ENABLED", "true");
            env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
            Process api = builder.start();
            assertTrue(api.waitFor(60, TimeUnit.SECONDS), "ops-api exits");
            assertEquals(1, api.exitValue());
            List<String> output = Files.readAllLines(log);
            List<String> lines = output.stream().filter(l -> l.contains("Sign-in setting: ")).toList();
            List<String> named = lines.stream().map(l -> l.substring(l.indexOf("Sign-in setting: ") + 17))
                    .map(l -> l.substring(0, l.indexOf(' '))).toList();
            assertEquals(List.of("ops_oidc_issuer", "ops_console_client_secret", "ops_oidc_server_url",
                    "quarkus.http.proxy.trusted-proxies"), named, String.join("\n", lines));
            // (The OIDC extension's own warnings about the placeholder provider come earlier, with their traces.)
            List<String> refusal = output.subList(output.indexOf(lines.get(0)), output.size());
            assertFalse(refusal.stream().anyMatch(l -> l.startsWith("\tat ") || l.contains("Failed to start")),
                    "the refusal without a stack trace:\n" + String.join("\n", refusal));

            assertEquals(List.of(), relations(), "a refused start leaves the database untouched");
        } finally {
            database.stop();
        }
    }

    /** Every table, view and sequence outside the system schemas (flyway_schema_history included), and schemas. */
    private static List<String> relations() throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n.nspname || '.' || c.relname FROM pg_class c "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname NOT IN "
                        + "('pg_catalog', 'information_schema', 'pg_toast') UNION ALL SELECT 'schema ' || nspname "
                        + "FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN "
                        + "('information_schema', 'public')")) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        return found;
    }
}

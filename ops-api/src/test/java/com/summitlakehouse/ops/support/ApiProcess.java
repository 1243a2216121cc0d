package com.summitlakehouse.ops.support;

import com.summitlakehouse.testing.TempFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * ops-api as it is started outside the tests: the built {@code target/quarkus-app/quarkus-run.jar} under plain
 * {@code java -jar}, no system property of the test's own. Configuration arrives as environment variables, as a
 * container's would. For integration tests (failsafe, after {@code package}).
 */
public final class ApiProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Duration READY_WITHIN = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    public final int port;
    public final int managementPort;

    private ApiProcess(Process process, Path log, int port, int managementPort) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts one instance with {@code environment} on top of the database settings, and waits until it is ready. */
    public static ApiProcess start(Map<String, String> database, Map<String, String> environment) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after `package`");
        }
        int port = freePort();
        int managementPort = freePort();
        Path log = TempFiles.file("ops-api-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.putAll(database);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The production profile wants TLS to the database; the test server may not offer it.
        env.put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "prefer");
        env.put("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "prefer");
        env.put("SECRETS_DIR", TempFiles.directory("ops-api-secrets").toString());
        env.putAll(environment);
        ApiProcess api = new ApiProcess(builder.start(), log, port, managementPort);
        api.awaitReady();
        return api;
    }

    public static Map<String, String> environment(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    public URI api(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ops-api exited with " + process.exitValue() + ":\n" + log());
            }
            for (URI ready : new URI[] {management("/q/health/ready"), api("/q/health/ready")}) {
                try {
                    if (http.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("ops-api not ready within " + READY_WITHIN + ":\n" + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        Files.deleteIfExists(log);
    }
}

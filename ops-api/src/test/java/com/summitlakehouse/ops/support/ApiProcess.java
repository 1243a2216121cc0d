package com.summitlakehouse.ops.support;

import com.summitlakehouse.testing.ServiceProcess;
import com.summitlakehouse.testing.TempFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * ops-api as it is started outside the tests: the built {@code target/quarkus-app/quarkus-run.jar} under plain
 * {@code java -jar} ({@link ServiceProcess}), no system property of the test's own. Configuration arrives as
 * environment variables, as a container's would. For integration tests (failsafe, after {@code package}).
 */
public final class ApiProcess implements AutoCloseable {

    public static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    private final ServiceProcess service;
    public final int port;
    public final int managementPort;

    private ApiProcess(ServiceProcess service, int port, int managementPort) {
        this.service = service;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts one instance with {@code environment} on top of the database settings, and waits until it is ready. */
    public static ApiProcess start(Map<String, String> database, Map<String, String> environment) throws Exception {
        int port = ServiceProcess.freePort();
        int managementPort = ServiceProcess.freePort();
        Map<String, String> env = new HashMap<>(database);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The production profile wants TLS to the database; the test server may not offer it.
        env.put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "prefer");
        env.put("QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "prefer");
        env.put("SECRETS_DIR", TempFiles.directory("ops-api-secrets").toString());
        env.putAll(environment);
        // Ready on the management port, or on the main one where the environment turns the management port off.
        ServiceProcess service = ServiceProcess.start("ops-api", JAR, env,
                address(managementPort, "/q/health/ready"), address(port, "/q/health/ready"));
        return new ApiProcess(service, port, managementPort);
    }

    public static Map<String, String> environment(String... keysAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            env.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return env;
    }

    public URI api(String path) {
        return address(port, path);
    }

    public URI management(String path) {
        return address(managementPort, path);
    }

    public String log() {
        return service.log();
    }

    private static URI address(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public void close() throws Exception {
        service.close();
    }
}

package com.summitlakehouse.deploy;

import com.summitlakehouse.testing.TempFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.summitlakehouse.testing.TestJvm;
import com.summitlakehouse.testing.TestPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * An alert on a metric that does not exist never fires. So: start the built ops-api (plain {@code java -jar}) and run
 * the built mirror-service once, against a scratch database, as production does; do real work (reads, submissions,
 * a 429, a 401, a mirror run pushed to a stand-in Pushgateway); collect every metric name they export; and fail on
 * any name a rule or dashboard reads that is neither exported nor produced by a recording rule nor one of the few
 * that Kubernetes' and Prometheus' own exporters supply. Skipped, saying so, when the jars are not built (in
 * {@code ./mvnw verify} the reactor builds them before this module).
 */
class ExportedMetricsTest {

    static final Path OPS_API = Path.of("../ops-api/target/quarkus-app/quarkus-run.jar");
    static final Path MIRROR = Path.of("../mirror-service/target/quarkus-app/quarkus-run.jar");

    /** Names other exporters supply, and which one. */
    static final Map<String, String> EXTERNAL = Map.of(
            "kube_job_status_failed", "kube-state-metrics",
            "kube_deployment_status_replicas_available", "kube-state-metrics",
            "kube_job_status_succeeded", "kube-state-metrics",
            "push_time_seconds", "the Pushgateway (time of each group's last push)",
            "up", "Prometheus (one per scrape target)");

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyMetricTheRulesAndDashboardsReadIsExportedAfterRealWork() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(OPS_API) && Files.isRegularFile(MIRROR),
                "ops-api and mirror-service are not built (./mvnw -pl ops-api,mirror-service -am package): "
                        + "their exported metrics are not checked");
        TestPostgres.Server server = TestPostgres.server();
        String database = "exported_metrics_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
            // Without the schema: a mirror run against it fails, as a run does when its source is broken.
            s.execute("CREATE DATABASE " + database + "_empty");
        }
        Path work = TempFiles.directory("exported-metrics");
        Map<String, String> env = new HashMap<>(Map.of(
                "lakebase_host", server.host(), "lakebase_port", Integer.toString(server.port()),
                "lakebase_db", database, "lakebase_user", server.user(),
                "SECRETS_DIR", Files.createDirectories(work.resolve("secrets")).toString(),
                // The production profile wants TLS to the database; the test server may not offer it.
                "QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "prefer",
                "QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "prefer"));
        if (!server.password().isEmpty()) {
            env.put("lakebase_password", server.password());
        }
        Map<String, Set<String>> exported = new TreeMap<>();
        Process api = null;
        try {
            int port = freePort();
            int management = freePort();
            env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
            env.put("QUARKUS_OIDC_TENANT_ENABLED", "false");
            api = start(OPS_API, env, work.resolve("ops-api.log"));
            awaitReady(api, URI.create("http://127.0.0.1:" + management + "/q/health/ready"),
                    work.resolve("ops-api.log"));
            seed(server, database);
            exported.put("ops-api", names(workOnOpsApi("http://127.0.0.1:" + port,
                    "http://127.0.0.1:" + management)));
            // A successful run exports the success time and rows; only a failed run exports its failure counter.
            Set<String> mirror = names(mirrorOnceAndCatchThePush(env, work, 0));
            Map<String, String> broken = new HashMap<>(env);
            broken.put("lakebase_db", database + "_empty");
            mirror.addAll(names(mirrorOnceAndCatchThePush(broken, work, 1)));
            exported.put("mirror-service", mirror);
        } finally {
            if (api != null) {
                api.destroy();
                api.waitFor(10, TimeUnit.SECONDS);
            }
            try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS " + database + "_empty WITH (FORCE)");
            }
        }

        Set<String> available = new TreeSet<>(EXTERNAL.keySet());
        exported.values().forEach(available::addAll);
        available.addAll(recordedNames());
        Map<String, Set<String>> missing = new TreeMap<>();
        for (Map.Entry<String, String> use : usedExpressions().entrySet()) {
            for (String name : PromQlNames.of(use.getValue())) {
                if (!available.contains(name)) {
                    missing.computeIfAbsent(name, n -> new TreeSet<>()).add(use.getKey());
                }
            }
        }
        exported.forEach((service, names) -> System.out.println(service + " exports " + names));
        assertEquals(Map.of(), missing, "metric names used but exported by nobody (name -> where used)");
        assertTrue(exported.get("ops-api").contains("http_server_requests_seconds_bucket"), exported.toString());
        assertTrue(exported.get("mirror-service").contains("mirror_last_success_seconds"), exported.toString());
        assertTrue(exported.get("mirror-service").contains("mirror_failures_total"), exported.toString());
    }

    /** Every expression a rule or a dashboard panel evaluates, keyed by where it is used. */
    static Map<String, String> usedExpressions() throws IOException {
        Map<String, String> uses = new TreeMap<>();
        for (JsonNode group : MonitoringRulesTest.rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                uses.put("rule " + rule.path(rule.has("alert") ? "alert" : "record").asText(),
                        rule.path("expr").asText());
            }
        }
        uses.putAll(DashboardsTest.panelExpressions());
        return uses;
    }

    static Set<String> recordedNames() throws IOException {
        Set<String> recorded = new TreeSet<>();
        for (JsonNode group : MonitoringRulesTest.rules().path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("record")) {
                    recorded.add(rule.path("record").asText());
                }
            }
        }
        return recorded;
    }

    static void seed(TestPostgres.Server server, String database) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO social_posts (platform, external_id, author_handle, caption, hashtags, posted_at,
                                              like_count, is_visible)
                    SELECT 'instagram', 'metrics-' || i, '@traveller', 'Day ' || i, ARRAY['summitroadtrip'],
                           now() - make_interval(hours => i), i, true
                      FROM generate_series(1, 50) AS i""");
            s.execute("""
                    INSERT INTO qa_questions (question_text, status, answer_text, answered_at, published_at)
                    SELECT 'Question ' || i || '?', 'published', 'Answer ' || i, now(), now()
                      FROM generate_series(1, 5) AS i""");
        }
    }

    /** Reads, submissions up to a 429, a refused admin call, a malformed URL; then the scrape. */
    static String workOnOpsApi(String api, String management) throws Exception {
        for (String path : List.of("/api/v1/posts", "/api/v1/posts/top", "/api/v1/posts/top?as_of=2026-07-01T12:00:00Z",
                "/api/v1/questions", "/api/v1/nothing-here")) {
            send(HttpRequest.newBuilder(URI.create(api + path)).build());
        }
        for (int i = 0; i < 6; i++) {
            send(HttpRequest.newBuilder(URI.create(api + "/api/v1/questions"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"question_text\": \"Question " + i + "?\"}"))
                    .build());
        }
        send(HttpRequest.newBuilder(URI.create(api + "/api/v1/admin/posts")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[]")).build());
        HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(management + "/q/metrics")).build());
        assertEquals(200, scrape.statusCode());
        return scrape.body();
    }

    /** mirror-service --once, pushing to a stand-in Pushgateway that keeps what it was sent. */
    static String mirrorOnceAndCatchThePush(Map<String, String> baseEnv, Path work, int exitCode) throws Exception {
        AtomicReference<String> pushed = new AtomicReference<>();
        HttpServer gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        gateway.createContext("/metrics/job/mirror-service", exchange -> {
            pushed.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        gateway.start();
        try {
            Map<String, String> env = new HashMap<>(baseEnv);
            env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
            env.put("MIRROR_WAREHOUSE", work.resolve("warehouse").toString());
            env.put("MIRROR_METRICS_PUSH_URL", "http://127.0.0.1:" + gateway.getAddress().getPort());
            Path log = work.resolve("mirror.log");
            Process mirror = start(MIRROR, env, log, "--once");
            assertTrue(mirror.waitFor(120, TimeUnit.SECONDS), "mirror --once ends");
            assertEquals(exitCode, mirror.exitValue(), Files.readString(log));
        } finally {
            gateway.stop(0);
        }
        assertTrue(pushed.get() != null, "the run pushed its metrics");
        return pushed.get();
    }

    /** Metric names in a text exposition (histogram series keep their _bucket, _count, _sum suffixes). */
    static Set<String> names(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    static Process start(Path jar, Map<String, String> env, Path log, String... args) throws IOException {
        List<String> command = TestJvm.command("-jar", jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    static void awaitReady(Process process, URI ready, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), "exited early:\n" + Files.readString(log));
            try {
                if (send(HttpRequest.newBuilder(ready).build()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within 60 s:\n" + Files.readString(log));
    }

    static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

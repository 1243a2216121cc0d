package com.summitlakehouse.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.delta.GoldTable;
import com.summitlakehouse.delta.GoldTableOptions;
import com.summitlakehouse.delta.GoldTableReader;
import com.summitlakehouse.testing.Eventually;
import com.summitlakehouse.testing.ServiceProcess;
import com.summitlakehouse.testing.TempFiles;
import com.summitlakehouse.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Moderation through ops-api's API, as moderators and the ingestion make it, reaches the gold tables through two
 * listening mirrors on the same tables: each change within seconds, each row once, and the mirror that loses a
 * commit race says so without an error. All three services are the built jars, started as production starts them,
 * so this check of the system as deployed lives here, after the reactor has built both services (as
 * {@link ExportedMetricsTest} does).
 */
class ListeningMirrorsTest {

    static final Path OPS_API = ExportedMetricsTest.OPS_API;
    static final Path MIRROR = ExportedMetricsTest.MIRROR;
    static final TestPostgres.Server SERVER = TestPostgres.server();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<ServiceProcess> SERVICES = new ArrayList<>();
    static String database;
    static Path warehouse;
    static ServiceProcess first;
    static ServiceProcess second;
    static int apiPort;
    static String moderator;
    static String ingest;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(OPS_API) && Files.isRegularFile(MIRROR),
                "ops-api and mirror-service are not built (./mvnw -pl ops-api,mirror-service -am package): "
                        + "the listening mirrors are not checked");
        database = "listening_mirrors_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = SERVER.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        warehouse = TempFiles.directory("listening-warehouse");
        Map<String, String> common = new HashMap<>(Map.of(
                "lakebase_host", SERVER.host(), "lakebase_port", Integer.toString(SERVER.port()),
                "lakebase_db", database, "lakebase_user", SERVER.user(),
                // The production profile asks for TLS; the test server may not offer it.
                "QUARKUS_DATASOURCE_JDBC_ADDITIONAL_JDBC_PROPERTIES_SSLMODE", "prefer",
                "SECRETS_DIR", TempFiles.directory("secrets").toString()));
        if (!SERVER.password().isEmpty()) {
            common.put("lakebase_password", SERVER.password());
        }

        Path keys = TempFiles.directory("jwt-keys");
        moderator = devToken(keys, "moderator");
        ingest = devToken(keys, "ingest");
        Map<String, String> api = new HashMap<>(common);
        apiPort = ServiceProcess.freePort();
        int management = ServiceProcess.freePort();
        api.put("QUARKUS_HTTP_PORT", Integer.toString(apiPort));
        api.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
        api.put("QUARKUS_DATASOURCE_REACTIVE_POSTGRESQL_SSL_MODE", "prefer");
        api.put("jwt_public_key", Files.readString(keys.resolve("jwt-public.pem")));
        // ops-api migrates the schema as it starts, as a release does.
        SERVICES.add(ServiceProcess.start("ops-api", OPS_API, api,
                URI.create("http://127.0.0.1:" + management + "/q/health/ready")));
        // 30 visible posts over three days of July, each with a like count to change.
        try (Connection c = SERVER.connect(database); Statement s = c.createStatement()) {
            s.execute("""
                    INSERT INTO social_posts (platform, external_id, author_handle, caption, posted_at, like_count,
                                              is_visible)
                    SELECT 'instagram', 'p' || i, '@a' || i, 'caption ' || i,
                           timestamptz '2026-07-01 08:00:00+00' + make_interval(hours => 24 * (i / 10), mins => i),
                           i, true
                      FROM generate_series(0, 29) AS i""");
        }

        first = startMirror(common);
        second = startMirror(common);
        await("both start-up sweeps mirrored the posts", () -> goldPosts().keySet().equals(visiblePosts().keySet()));
    }

    static ServiceProcess startMirror(Map<String, String> common) throws Exception {
        Map<String, String> mirror = new HashMap<>(common);
        int port = ServiceProcess.freePort();
        mirror.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        mirror.put("MIRROR_WAREHOUSE", warehouse.toString());
        mirror.put("MIRROR_LISTEN_DEBOUNCE", "200ms");
        ServiceProcess started = ServiceProcess.start("mirror-service", MIRROR, mirror,
                URI.create("http://127.0.0.1:" + port + "/q/health/ready"));
        SERVICES.add(started);
        return started;
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (ServiceProcess service : SERVICES) {
                service.close();
            }
        } finally {
            if (database != null) {
                try (Connection c = SERVER.connect("postgres"); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        }
    }

    @Test
    void everyDecisionLandsOnceWithinSecondsAndTheLoserOfARaceLogsNoError() throws Exception {
        send("PATCH", "/api/v1/admin/posts/instagram/p5", moderator, "{\"is_visible\":false}");
        await("a hide", () -> !goldPosts().containsKey("p5"));
        send("PATCH", "/api/v1/admin/posts/instagram/p5", moderator, "{\"is_visible\":true}");
        await("an unhide", () -> goldPosts().containsKey("p5"));

        // The ingestion's batch upsert: fresh engagement on 20 posts of two days, one statement.
        String batch = IntStream.range(0, 20).mapToObj(i -> String.format(
                "{\"platform\":\"instagram\",\"external_id\":\"p%d\",\"author_handle\":\"@a%d\",\"caption\":\"caption %d\","
                        + "\"posted_at\":\"2026-07-0%dT08:%02d:00Z\",\"like_count\":%d}",
                i, i, i, 1 + i / 10, i, 1000 + i)).collect(Collectors.joining(",", "[", "]"));
        send("PUT", "/api/v1/admin/posts", ingest, batch);
        await("a batch upsert", () -> goldPosts().get("p19") == 1019 && goldPosts().get("p0") == 1000);

        String question = send("POST", "/api/v1/questions", null,
                "{\"question_text\":\"When does the bus reach Denver?\",\"asker_name\":\"Visitor\"}");
        Matcher id = Pattern.compile("\"id\":(\\d+)").matcher(question);
        assertTrue(id.find(), question);
        send("PUT", "/api/v1/admin/questions/" + id.group(1) + "/answer", moderator,
                "{\"answer_text\":\"Day 8, in the afternoon.\"}");
        send("POST", "/api/v1/admin/questions/" + id.group(1) + "/publish", moderator, null);
        await("a publish", () -> goldQuestions().contains("When does the bus reach Denver?"));
        send("POST", "/api/v1/admin/questions/" + id.group(1) + "/unpublish", moderator, null);
        await("an unpublish", () -> goldQuestions().isEmpty());

        assertEquals(visiblePosts(), goldPosts(), "the gold table is the view, each row once");
        assertEquals(new GoldTableReader(table("gold/social_posts")).readLatest().size(), goldPosts().size(),
                "no row twice");
        for (ServiceProcess mirror : List.of(first, second)) {
            assertFalse(mirror.log().contains(" ERROR "), "no error logged:\n" + mirror.log());
        }
        String both = first.log() + second.log();
        assertTrue(both.contains("another run committed this snapshot first")
                        || both.contains("ran again after another writer committed first"),
                "two mirrors hearing the same notifications race for the commit, and one loses quietly:\n" + both);
    }

    static String devToken(Path keys, String role) throws Exception {
        Process script = new ProcessBuilder("bash", "local/dev-jwt.sh", keys.toString(), role).start();
        String token = new String(script.getInputStream().readAllBytes()).strip();
        assertEquals(0, script.waitFor(), "dev-jwt.sh");
        return token;
    }

    static String send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " "
                + response.body());
        return response.body();
    }

    /** Debounce plus one run, on a loaded machine: well within 15 s. */
    static void await(String what, Eventually.Check check) throws Exception {
        long millis = Eventually.await(what + " in the gold table", Duration.ofSeconds(15), check);
        System.out.printf("%s reached the gold table in %d ms%n", what, millis);
    }

    static GoldTable table(String name) {
        return new GoldTable(warehouse.resolve(name).toString(), GoldTableOptions.defaults());
    }

    /** external_id -> like_count of the gold table's newest version. */
    static Map<String, Integer> goldPosts() {
        Map<String, Integer> posts = new HashMap<>();
        new GoldTableReader(table("gold/social_posts")).readLatest()
                .forEach(row -> posts.put((String) row.get("external_id"), (Integer) row.get("like_count")));
        return posts;
    }

    static List<String> goldQuestions() {
        if (table("gold/qa_published").current().isEmpty()) {
            return List.of();
        }
        return new GoldTableReader(table("gold/qa_published")).readLatest().stream()
                .map(row -> (String) row.get("question_text")).toList();
    }

    static Map<String, Integer> visiblePosts() throws Exception {
        Map<String, Integer> posts = new HashMap<>();
        try (Connection c = SERVER.connect(database); Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT external_id, like_count FROM social_posts WHERE is_visible")) {
            while (rows.next()) {
                posts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return posts;
    }
}

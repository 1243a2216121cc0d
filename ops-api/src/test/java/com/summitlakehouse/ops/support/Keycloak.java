package com.summitlakehouse.ops.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.summitlakehouse.testing.TestJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A real Keycloak (the distribution from Maven Central, unpacked by the build into target/keycloak), started once
 * for the whole test run in dev mode with an in-memory database and three imported realms: {@value #REALM} (users
 * {@value #MODERATOR} and {@value #READER}, the ingestion client, the console client), {@value #OTHER_REALM},
 * a look-alike whose tokens ops-api must refuse, and {@value #ENTRA_STYLE_REALM}, which gives the console its roles
 * as Entra ID does ({@link EntraStyleRealm}). Suites that need it are skipped, with the reason, where it cannot
 * start ({@link #available()}).
 *
 * <p>Quarkus loads test classes once per test application (one per profile and test resource), so a static field
 * here exists once per application: the one server, its address and its random secrets are kept in system
 * properties, which every class loader of the JVM shares, and started under a lock they share too.
 */
public final class Keycloak {

    // Declared first, as the secrets below use it. A string literal is the same object in every class loader.
    private static final Object ONE_START = "com.summitlakehouse.ops.support.Keycloak:start";
    public static final String REALM = "summit";
    public static final String OTHER_REALM = "elsewhere";
    public static final String ENTRA_STYLE_REALM = "entra-style";
    public static final String MODERATOR = "moderator";
    public static final String READER = "reader";
    public static final String PASSWORD = shared("summit.test.keycloak.password", "pw-" + UUID.randomUUID());
    public static final String INGEST_CLIENT = "summit-ingest";
    public static final String CONSOLE_CLIENT = "ops-console";
    public static final String CLIENT_SECRET = shared("summit.test.keycloak.client-secret",
            "secret-" + UUID.randomUUID());
    /** A public client for password logins in API tests, and one whose tokens live six seconds. */
    public static final String CLI_CLIENT = "ops-cli";
    public static final String SHORT_LIVED_CLIENT = "ops-cli-short";

    // A first start builds the server (about 40 s on an idle machine); on two busy cores it has taken over 3 min.
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String URL = "summit.test.keycloak.url";
    private static final String UNAVAILABLE = "summit.test.keycloak.unavailable";
    private static Process process;

    private Keycloak() {
    }

    /** For {@code @EnabledIf}: starts Keycloak on first use; false (with the reason printed) where it cannot. */
    public static boolean available() {
        synchronized (ONE_START) {
            if (System.getProperty(URL) == null && System.getProperty(UNAVAILABLE) == null) {
                try {
                    System.setProperty(URL, start());
                } catch (Exception e) {
                    System.setProperty(UNAVAILABLE, String.valueOf(e.getMessage()));
                    if (process != null) {
                        process.destroyForcibly();
                    }
                    System.err.println("SKIPPED: the single-sign-on suites need Keycloak, which could not start: "
                            + e.getMessage());
                }
            }
            return System.getProperty(URL) != null;
        }
    }

    /** The base URL, e.g. http://127.0.0.1:PORT. */
    public static String url() {
        return System.getProperty(URL);
    }

    public static String issuer(String realm) {
        return url() + "/realms/" + realm;
    }

    private static String shared(String key, String firstValue) {
        synchronized (ONE_START) {
            String value = System.getProperty(key);
            if (value == null) {
                System.setProperty(key, firstValue);
                value = firstValue;
            }
            return value;
        }
    }

    private static String start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.6"));
        if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home.toAbsolutePath()
                    + " (the build unpacks org.keycloak:keycloak-quarkus-dist there)");
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        try (var old = Files.list(imports)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(imports.resolve(REALM + "-realm.json"), JSON.writeValueAsString(realm(REALM)));
        Files.writeString(imports.resolve(OTHER_REALM + "-realm.json"), JSON.writeValueAsString(realm(OTHER_REALM)));
        Files.writeString(imports.resolve(ENTRA_STYLE_REALM + "-realm.json"),
                JSON.writeValueAsString(EntraStyleRealm.realm(ENTRA_STYLE_REALM)));
        int port = freePort();
        Path log = home.resolve("data/test-server.log");
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + freePort(),
                "--db=dev-mem", "--import-realm", "--cache=local")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        // Most of Keycloak's CPU in a test run is its build and start.
        builder.environment().put("JAVA_OPTS_APPEND", TestJvm.OPTIONS);
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
        String base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            if (answers(base + "/realms/" + REALM + "/.well-known/openid-configuration")
                    && answers(base + "/realms/" + OTHER_REALM + "/.well-known/openid-configuration")
                    && answers(base + "/realms/" + ENTRA_STYLE_REALM + "/.well-known/openid-configuration")) {
                return base;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static boolean answers(String address) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A realm as an identity provider of the organisation would have it, generated so that nothing is hand-edited. */
    static Map<String, Object> realm(String name) {
        Map<String, Object> audience = Map.of("name", "audience ops-api", "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper", "config", Map.of("included.custom.audience", "ops-api",
                        "access.token.claim", "true", "id.token.claim", "false"));
        List<Map<String, Object>> clients = List.of(
                Map.of("clientId", CLI_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
                        "standardFlowEnabled", false, "protocolMappers", List.of(audience)),
                Map.of("clientId", SHORT_LIVED_CLIENT, "publicClient", true, "directAccessGrantsEnabled", true,
                        "standardFlowEnabled", false, "attributes", Map.of("access.token.lifespan", "6"),
                        "protocolMappers", List.of(audience)),
                Map.of("clientId", INGEST_CLIENT, "publicClient", false, "secret", CLIENT_SECRET,
                        "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                        "protocolMappers", List.of(audience)),
                Map.of("clientId", CONSOLE_CLIENT, "publicClient", false, "secret", CLIENT_SECRET,
                        "standardFlowEnabled", true, "redirectUris", List.of("*"),
                        "attributes", Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "*"),
                        "protocolMappers", List.of(audience)));
        List<Map<String, Object>> users = List.of(
                user(MODERATOR, "Robin", "Moderator", List.of("moderator")),
                user(READER, "Riley", "Reader", List.of()),
                Map.of("username", "service-account-" + INGEST_CLIENT, "enabled", true,
                        "serviceAccountClientId", INGEST_CLIENT, "realmRoles", List.of("ingest")));
        return Map.of("realm", name, "id", name, "enabled", true, "sslRequired", "none",
                "roles", Map.of("realm", List.of(Map.of("name", "moderator"), Map.of("name", "ingest"))),
                "clients", clients, "users", users);
    }

    private static Map<String, Object> user(String username, String first, String last, List<String> roles) {
        return Map.of("username", username, "enabled", true, "firstName", first, "lastName", last,
                "email", username + "@summit-lakehouse.example", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)),
                "realmRoles", roles);
    }

    /** An access token for a user of {@code realm}, by the password grant of {@code client}. */
    public static String userToken(String realm, String client, String username) {
        return token(realm, Map.of("grant_type", "password", "client_id", client, "username", username,
                "password", PASSWORD, "scope", "openid"));
    }

    /** An access token of the ingestion job, by the client-credentials grant. */
    public static String ingestToken() {
        return ingestToken(REALM);
    }

    public static String ingestToken(String realm) {
        return token(realm, Map.of("grant_type", "client_credentials", "client_id", INGEST_CLIENT,
                "client_secret", CLIENT_SECRET));
    }

    /** The whole token answer (access_token, id_token, ...) of a password grant by a confidential client. */
    public static JsonNode tokens(String realm, String client, String username) {
        return post(issuer(realm) + "/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", client, "client_secret", CLIENT_SECRET, "username", username, "password", PASSWORD,
                "scope", "openid profile"), null);
    }

    private static String token(String realm, Map<String, String> form) {
        return post(issuer(realm) + "/protocol/openid-connect/token", form, null).get("access_token").asText();
    }

    /** The key id a JWT's header names. */
    public static String keyId(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))),
                StandardCharsets.UTF_8);
        return read(header).get("kid").asText();
    }

    /** The claims of a JWT, unverified: for reading exp in a test. */
    public static JsonNode claims(String jwt) {
        String[] parts = jwt.split("\\.");
        return read(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /**
     * Rotates the realm's signing key as an administrator would: a new RSA key of higher priority, so that every
     * token from now on is signed with it (the old key stays published for tokens already issued).
     */
    public static void rotateSigningKey(String realm) {
        String admin = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", PASSWORD));
        Map<String, Object> component = Map.of("name", "rotated-" + UUID.randomUUID(), "providerId", "rsa-generated",
                "providerType", "org.keycloak.keys.KeyProvider", "parentId", realm, "config", Map.of(
                        "priority", List.of("1000"), "keySize", List.of("2048"), "active", List.of("true"),
                        "enabled", List.of("true")));
        send(HttpRequest.newBuilder(URI.create(url() + "/admin/realms/" + realm + "/components"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(component))).build(), 201);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode post(String address, Map<String, String> form, String bearer) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return read(send(request.build(), 200));
    }

    private static String send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != expected) {
                throw new IllegalStateException(request.uri() + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

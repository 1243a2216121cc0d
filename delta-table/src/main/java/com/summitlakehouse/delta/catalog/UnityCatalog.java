package com.summitlakehouse.delta.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The few calls of Unity Catalog's REST API (v2.1) the jobs and the grants command make, over plain HTTP with a
 * bearer token. The token is never part of a message or an exception.
 */
public final class UnityCatalog {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/api/2.1/unity-catalog";
    private static final String SCIM = "/api/1.0/unity-control/scim2/Users";

    private final String url;
    private final String token;
    private final HttpClient http;

    public UnityCatalog(String url, String token) {
        this.url = url.replaceAll("/+$", "");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String url() {
        return url;
    }

    /** An empty JSON object, to build a request body with. */
    public static ObjectNode json() {
        return JSON.createObjectNode();
    }

    /** A securable by its full name, or empty when it does not exist. */
    public Optional<JsonNode> get(String kind, String fullName) {
        return optional(send("GET", API + "/" + kind + "/" + encode(fullName), null));
    }

    /** The securables of a kind in a schema (tables, volumes), from their listing. */
    public JsonNode list(String kind, String catalogName, String schemaName) {
        return send("GET", API + "/" + kind + "?catalog_name=" + encode(catalogName) + "&schema_name="
                + encode(schemaName) + "&max_results=1000", null).body().path(kind);
    }

    public JsonNode create(String kind, ObjectNode body) {
        return send("POST", API + "/" + kind, body).body();
    }

    public void delete(String kind, String fullName) {
        send("DELETE", API + "/" + kind + "/" + encode(fullName), null);
    }

    /** The grants on a securable: {@code privilege_assignments}, one entry per principal. */
    public JsonNode permissions(String securableType, String fullName) {
        return send("GET", API + "/permissions/" + securableType + "/" + encode(fullName), null).body();
    }

    public void updatePermissions(String securableType, String fullName, ObjectNode changes) {
        send("PATCH", API + "/permissions/" + securableType + "/" + encode(fullName), changes);
    }

    /** Every SCIM user's e-mail (Unity Catalog names principals by it). */
    public JsonNode users() {
        return send("GET", SCIM + "?count=1000", null).body();
    }

    public void createUser(String email) {
        ObjectNode user = JSON.createObjectNode();
        user.put("displayName", email);
        user.putArray("emails").addObject().put("value", email).put("primary", true);
        send("POST", SCIM, user);
    }

    private static Optional<JsonNode> optional(Answer answer) {
        return answer.status() == 404 ? Optional.empty() : Optional.of(answer.body());
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path))
                .timeout(Duration.ofSeconds(30))
                // No Accept header: the SCIM endpoints answer application/scim+json and refuse to be asked for JSON.
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CatalogException("Unity Catalog at " + url + " cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CatalogException("Interrupted while calling Unity Catalog at " + url, e);
        }
        JsonNode answer = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2 || (status == 404 && method.equals("GET"))) {
            return new Answer(status, answer);
        }
        String message = answer.path("message").asText(answer.path("detail").asText(response.body()));
        throw new CatalogException(method + " " + path + " answered " + status + ": " + message, status);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("message", body.length() > 200 ? body.substring(0, 200) : body);
        }
    }

    private static String encode(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8);
    }
}

package com.summitlakehouse.ops.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.Posts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The console signed in at a provider that gives roles as Microsoft Entra ID gives app roles (a {@code roles} claim
 * of the ID token, none in the access token), by the real authorization-code flow, and the redirect URI it sends
 * the provider from behind a TLS-terminating ingress.
 */
@QuarkusTest
@WithTestResource(WithEntraStyleProvider.class)
@EnabledIf(value = "com.summitlakehouse.ops.support.Keycloak#available",
        disabledReason = "needs Keycloak (target/keycloak, unpacked by the build) to start; the reason is printed")
class EntraStyleSignInTest {

    private static final Pattern REDIRECT_URI = Pattern.compile("[?&]redirect_uri=([^&]+)");

    @TestHTTPResource("/")
    URL base;

    URI console(String path) {
        return URI.create(base.toString().replaceAll("/$", "") + path);
    }

    @Test
    void theProviderGivesTheAppRolesInTheIdTokenAndNotInTheAccessToken() {
        JsonNode tokens = Keycloak.tokens(Keycloak.ENTRA_STYLE_REALM, Keycloak.CONSOLE_CLIENT, Keycloak.MODERATOR);
        JsonNode id = Keycloak.claims(tokens.get("id_token").asText());
        JsonNode access = Keycloak.claims(tokens.get("access_token").asText());
        assertEquals("[\"moderator\"]", id.path("roles").toString(), id::toString);
        assertTrue(access.path("roles").isMissingNode() && access.path("realm_access").isMissingNode()
                && access.path("resource_access").isMissingNode(), access::toString);
    }

    @Test
    void aModeratorWithTheAppRoleSignsInAndHidesAPost() {
        Map<String, Object> post = Posts.post("instagram", 5, null);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(Keycloak.ENTRA_STYLE_REALM), List.of(post));
        ConsoleVisitor moderator = new ConsoleVisitor();
        HttpResponse<String> posts = moderator.signIn(console("/console/posts"), Keycloak.MODERATOR, Keycloak.PASSWORD);
        assertEquals(200, posts.statusCode(), posts.body());
        assertEquals(console("/console/posts"), posts.uri(), "back at the page asked for");

        HttpResponse<String> hidden = moderator.follow(moderator.post(console("/console/posts/visibility"), Map.of(
                "platform", "instagram", "external_id", post.get("external_id").toString(), "is_visible", "false",
                "reason", "Off-topic", "from", "posts", "csrf-token", ConsoleVisitor.csrfToken(posts))));
        assertEquals(200, hidden.statusCode(), hidden.body());
        assertTrue(hidden.body().contains("is hidden from the site"), hidden.body());
        String bearer = Keycloak.userToken(Keycloak.ENTRA_STYLE_REALM, Keycloak.CLI_CLIENT, Keycloak.MODERATOR);
        given().header("Authorization", "Bearer " + bearer).when().get("/api/v1/admin/audit?action=post.hide&limit=1")
                .then().statusCode(200).body("items[0].actor_name", equalTo("Robin Moderator"));
    }

    @Test
    void aPersonWithoutTheAppRoleIsForbidden() {
        ConsoleVisitor reader = new ConsoleVisitor();
        HttpResponse<String> page = reader.signIn(console("/console/posts"), Keycloak.READER, Keycloak.PASSWORD);
        assertEquals(403, page.statusCode(), page.body());
        assertTrue(page.body().contains("Not allowed"), page.body());
        HttpResponse<String> action = reader.post(console("/console/posts/visibility"), Map.of("platform", "instagram",
                "external_id", "any", "is_visible", "true", "from", "posts"));
        assertEquals(403, action.statusCode(), action.body());
    }

    @Test
    void behindTheIngressTheProviderIsGivenTheOneHttpsCallback() {
        // The headers ingress-nginx writes.
        HttpResponse<String> toProvider = new ConsoleVisitor().get(console("/console/posts"), Map.of(
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "summit.example", "X-Forwarded-Port", "443",
                "X-Forwarded-For", "203.0.113.7"));
        assertEquals(302, toProvider.statusCode(), toProvider.body());
        String location = toProvider.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(Keycloak.issuer(Keycloak.ENTRA_STYLE_REALM) + "/protocol/openid-connect/auth?"),
                location);
        assertEquals("https://summit.example/console/callback", redirectUri(location));
    }

    @Test
    void forwardedHeadersFromAnyOtherAddressAreNotBelieved() throws IOException {
        // The same request, from 127.0.0.2: not the ingress, so the callback stays this server's own address.
        String answer;
        try (Socket socket = new Socket(InetAddress.getByName(WithEntraStyleProvider.INGRESS), base.getPort(),
                InetAddress.getByName("127.0.0.2"), 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /console/posts HTTP/1.1\r\nHost: localhost:" + base.getPort() + "\r\n"
                    + "X-Forwarded-Proto: https\r\nX-Forwarded-Host: summit.example\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(answer.startsWith("HTTP/1.1 302"), answer);
        Matcher location = Pattern.compile("(?im)^location: (\\S+)").matcher(answer);
        assertTrue(location.find(), answer);
        String redirect = redirectUri(location.group(1));
        assertEquals("http://localhost:" + base.getPort() + "/console/callback", redirect);
        assertFalse(redirect.contains("summit.example"), redirect);
    }

    private static String redirectUri(String location) {
        Matcher redirect = REDIRECT_URI.matcher(location);
        assertTrue(redirect.find(), location);
        return URLDecoder.decode(redirect.group(1), StandardCharsets.UTF_8);
    }
}

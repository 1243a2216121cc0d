package com.summitlakehouse.ops.sso;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.summitlakehouse.ops.support.Keycloak;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.WithKeycloak;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** Bearer tokens from a real identity provider: its keys by discovery + JWKS, rotation without a restart. */
@QuarkusTest
@WithTestResource(WithKeycloak.class)
@EnabledIf(value = "com.summitlakehouse.ops.support.Keycloak#available",
        disabledReason = "needs Keycloak (target/keycloak, unpacked by the build) to start; the reason is printed")
class ProviderTokensTest {

    static int status(String token) {
        return given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/questions")
                .then().extract().statusCode();
    }

    @Test
    void aModeratorsTokenFromTheProviderIsAcceptedAndNamesThePersonInTheAuditTrail() {
        String token = Keycloak.userToken(Keycloak.REALM, Keycloak.CLI_CLIENT, Keycloak.MODERATOR);
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/questions")
                .then().statusCode(200);
        Map<String, Object> post = Posts.post("x", 1, null);
        Posts.upsertAs("Bearer " + Keycloak.ingestToken(), List.of(post));
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/x/" + post.get("external_id")).then().statusCode(200);
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/audit?action=post.show&limit=1")
                .then().statusCode(200).body("items[0].actor_name", equalTo("Robin Moderator"));
    }

    @Test
    void theIngestionJobsClientCredentialsTokenWorksAsBefore() {
        String token = Keycloak.ingestToken();
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON)
                .body(List.of(Posts.post("tiktok", 1, null)))
                .when().put("/api/v1/admin/posts").then().statusCode(200).body("inserted", equalTo(1));
        given().header("Authorization", "Bearer " + token).when().get("/api/v1/admin/questions")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aTokenSignedWithARotatedKeyIsAcceptedWithoutARestart() throws Exception {
        String before = Keycloak.userToken(Keycloak.REALM, Keycloak.CLI_CLIENT, Keycloak.MODERATOR);
        assertEquals(200, status(before));
        Keycloak.rotateSigningKey(Keycloak.REALM);
        String after = Keycloak.userToken(Keycloak.REALM, Keycloak.CLI_CLIENT, Keycloak.MODERATOR);
        assertNotEquals(Keycloak.keyId(before), Keycloak.keyId(after), "the provider signs with the new key");
        // ops-api fetches the keys again when a token names an unknown one, at most every 10 s
        // (quarkus.oidc.token.forced-jwk-refresh-interval): within that, the new key is accepted.
        long deadline = System.nanoTime() + 15_000_000_000L;
        int answer = status(after);
        while (answer != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            answer = status(after);
        }
        assertEquals(200, answer, "a token signed with the rotated key");
        assertEquals(200, status(before), "a token issued before the rotation, still valid");
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() {
        String foreign = Keycloak.userToken(Keycloak.OTHER_REALM, Keycloak.CLI_CLIENT, Keycloak.MODERATOR);
        given().header("Authorization", "Bearer " + foreign).when().get("/api/v1/admin/questions")
                .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String shortLived = Keycloak.userToken(Keycloak.REALM, Keycloak.SHORT_LIVED_CLIENT, Keycloak.MODERATOR);
        assertEquals(200, status(shortLived), "valid while it lives");
        long expiresAtMillis = Keycloak.claims(shortLived).get("exp").asLong() * 1000;
        Thread.sleep(Math.max(0, expiresAtMillis - System.currentTimeMillis()) + 1500);
        given().header("Authorization", "Bearer " + shortLived).when().get("/api/v1/admin/questions")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTokenWithoutTheRoleIsForbidden() {
        String reader = Keycloak.userToken(Keycloak.REALM, Keycloak.CLI_CLIENT, Keycloak.READER);
        given().header("Authorization", "Bearer " + reader).when().get("/api/v1/admin/questions")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
    }
}

package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AdminAuthTest {

    @Test
    void adminEndpointsNeedAValidToken() {
        for (String token : new String[] {null, "Bearer not-a-jwt", Tokens.expired("ingest"),
                Tokens.fromOtherIssuer("ingest"), Tokens.forAudience("another-service", "ingest")}) {
            var request = given().contentType(ContentType.JSON).body("[]");
            if (token != null) {
                request.header("Authorization", token);
            }
            request.when().put("/api/v1/admin/posts")
                    .then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer");
        }
        given().when().get("/api/v1/admin/questions").then().statusCode(401);
    }

    @Test
    void aTokenOlderThanTheMaximumAgeIsRefusedWhateverItsExpiry() {
        given().header("Authorization", Tokens.issuedHoursAgo(25, "moderator"))
                .when().get("/api/v1/admin/questions")
                .then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", Tokens.issuedHoursAgo(23, "moderator"))
                .when().get("/api/v1/admin/questions").then().statusCode(200);
    }

    @Test
    void adminAnswersAreNeverStoredAndNoAnswerIsSniffed() {
        given().header("Authorization", Tokens.bearer("moderator")).when().get("/api/v1/admin/questions")
                .then().statusCode(200).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().header("Authorization", Tokens.bearer("moderator")).when().get("/api/v1/admin/audit")
                .then().statusCode(200).header("Cache-Control", "no-store");
        given().header("Authorization", Tokens.bearer("ingest")).when().get("/api/v1/admin/questions")
                .then().statusCode(403).header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
        given().when().get("/api/v1/posts").then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().when().get("/api/v1/nothing-here").then().statusCode(404).header("X-Content-Type-Options", "nosniff");
        given().when().get("/q/health/ready").then().header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void consolePagesCarryAStrictContentSecurityPolicy() {
        given().when().get("/console/signed-out").then().statusCode(200).contentType("text/html")
                .header("Content-Security-Policy", org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("default-src 'none'"),
                        org.hamcrest.Matchers.containsString("script-src 'self'"),
                        org.hamcrest.Matchers.containsString("form-action 'self'"),
                        org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
                .header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void theWrongRoleIsForbidden() {
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON).body("[]")
                .when().put("/api/v1/admin/posts")
                .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        given().header("Authorization", Tokens.bearer("ingest")).contentType(ContentType.JSON)
                .body("{\"is_visible\": true}")
                .when().patch("/api/v1/admin/posts/x/1").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("ingest"))
                .when().get("/api/v1/admin/questions").then().statusCode(403);
        given().header("Authorization", Tokens.bearer("ingest"))
                .when().post("/api/v1/admin/questions/1/publish").then().statusCode(403);
    }

    @Test
    void aValidTokenWithoutGroupsGrantsNoRole() {
        given().header("Authorization", Tokens.withoutGroups()).contentType(ContentType.JSON).body("[]")
                .when().put("/api/v1/admin/posts").then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", Tokens.withoutGroups())
                .when().get("/api/v1/admin/questions").then().statusCode(403);
    }
}

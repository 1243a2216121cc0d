package com.summitlakehouse.ops.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.summitlakehouse.ops.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsEndpointsTest {

    /** ops.posts.top-max-staleness as this run configures it, in the words the contract uses. */
    static String configuredStaleness() {
        long seconds = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("ops.posts.top-max-staleness", java.time.Duration.class).toSeconds();
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }

    @Test
    void healthProbesAnswerUpAndReadinessSaysWhetherChangesAreHeard() throws Exception {
        com.summitlakehouse.ops.support.Listening.await();
        Management.given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'database' }.data.public_changes", equalTo("listening"));
    }

    @Test
    void healthProbesAnswerUp() {
        Management.given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("database"));
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpointAndError() {
        var doc = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
        doc.body("paths", hasKey("/api/v1/posts"))
                .body("paths", hasKey("/api/v1/posts/top"))
                .body("paths", hasKey("/api/v1/questions"))
                .body("paths", hasKey("/api/v1/admin/posts"))
                .body("paths", hasKey("/api/v1/admin/posts/{platform}/{external_id}"))
                .body("paths", hasKey("/api/v1/admin/questions"))
                .body("paths", hasKey("/api/v1/admin/questions/{id}/answer"))
                .body("paths", hasKey("/api/v1/admin/questions/{id}/publish"))
                .body("paths", hasKey("/api/v1/admin/questions/{id}/unpublish"))
                .body("paths", hasKey("/api/v1/admin/questions/{id}/reject"))
                .body("paths", hasKey("/api/v1/admin/audit"))
                .body("paths.'/api/v1/admin/audit'.get.responses", hasKey("403"))
                .body("components.schemas.UpsertCounts.properties", hasKey("sent_back_to_review"))
                .body("paths", org.hamcrest.Matchers.not(hasKey("/console/questions")))
                .body("paths.'/api/v1/questions'.post.responses", hasKey("429"))
                .body("paths.'/api/v1/admin/posts'.put.responses", hasKey("401"))
                .body("paths.'/api/v1/admin/posts'.put.responses", hasKey("403"))
                .body("paths.'/api/v1/admin/questions/{id}/publish'.post.responses", hasKey("409"))
                .body("paths.'/api/v1/posts/top'.get.description", containsString("(" + configuredStaleness() + " here)"))
                .body("components.schemas", hasKey("Problem"))
                .body("components.schemas.Post.properties", hasKey("external_id"))
                .body("components.securitySchemes", hasKey("bearer"));
    }

    @Test
    void healthAndMetricsAreNotServedOnTheApiPortButTheContractIs() {
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
        Management.given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(404);
    }

    @Test
    void prometheusMetricsAreExposed() {
        given().when().get("/api/v1/posts").then().statusCode(200);
        Management.given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                // the latency objective (100 ms) is a bucket boundary, so its share can be counted across replicas
                .body(containsString("http_server_requests_seconds_bucket{method=\"GET\",outcome=\"SUCCESS\","
                        + "status=\"200\",uri=\"/api/v1/posts\",le=\"0.1\"}"))
                .body(containsString("ops_database_available 1.0"))
                // the request above woke the listener; its gauge and counters exist before any notification
                .body(containsString("ops_public_changes_listening"))
                .body(containsString("ops_public_changes_notifications_total{view=\"mirror.social_posts\"}"))
                .body(containsString("sql_pool_"))
                // gauges per connection under one name could only ever show the first connection
                .body(not(containsString("postgresql_queue_size")))
                .body(not(containsString("postgresql_current")))
                .header("Content-Type", notNullValue());
    }
}

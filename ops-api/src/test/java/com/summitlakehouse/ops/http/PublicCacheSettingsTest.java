package com.summitlakehouse.ops.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.AdjustedSettings;
import com.summitlakehouse.ops.support.Posts;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each public answer's lifetime in a browser or CDN is a setting of its own, and so is the header naming its
 * surrogate keys and how they are separated (here Cloudflare's Cache-Tag, comma-separated).
 */
@QuarkusTest
@TestProfile(AdjustedSettings.class)
class PublicCacheSettingsTest {

    @Test
    void eachPublicAnswerHasItsOwnLifetimeAndNamesWhatItHolds() {
        Posts.upsert(Posts.post("threads", 1, true), Posts.post("threads", 2, true));
        ExtractableResponse<Response> feed = given().when().get("/api/v1/posts?limit=2").then().statusCode(200)
                .header("Cache-Control", "public, max-age=11").header("Surrogate-Key", nullValue()).extract();
        assertTrue(feed.header("Cache-Tag").matches("posts(,post-\\d+){2}"), feed.header("Cache-Tag"));

        ExtractableResponse<Response> top = given().when().get("/api/v1/posts/top?limit=2").then().statusCode(200)
                .header("Cache-Control", "public, max-age=12").extract();
        assertTrue(top.header("Cache-Tag").matches("posts(,post-\\d+){1,2}"), top.header("Cache-Tag"));

        long id = publishedQuestion();
        ExtractableResponse<Response> questions = given().when().get("/api/v1/questions?limit=5").then()
                .statusCode(200).header("Cache-Control", "public, max-age=13").extract();
        List<String> expected = new ArrayList<>(List.of("questions"));
        for (Object item : questions.jsonPath().getList("items.id")) {
            expected.add("question-" + item);
        }
        assertTrue(expected.contains("question-" + id), expected.toString());
        assertEquals(String.join(",", expected), questions.header("Cache-Tag"));
    }

    private static long publishedQuestion() {
        long id = ((Number) given().header("X-Forwarded-For", "198.51.100.40").contentType(ContentType.JSON)
                .body("{\"question_text\": \"Where do you sleep tonight?\"}")
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
        given().header("Authorization", Tokens.bearer("moderator")).contentType(ContentType.JSON)
                .body("{\"answer_text\": \"Lone Pine.\"}")
                .when().put("/api/v1/admin/questions/" + id + "/answer").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("moderator"))
                .when().post("/api/v1/admin/questions/" + id + "/publish").then().statusCode(200);
        return id;
    }
}

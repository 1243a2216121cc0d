package com.summitlakehouse.ops.posts;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.AdjustedSettings;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Distinct past minutes cost a ranking query each, so an instance computes only so many a second: beyond that the
 * answer is the usual 429 problem with Retry-After, and "now" is never refused.
 */
@QuarkusTest
@TestProfile(AdjustedSettings.class)
class TopPostsAsOfBudgetTest {

    @Test
    void distinctMinutesBeyondTheBudgetAre429AndNowIsNeverRefused() {
        int computed = 0;
        int refused = 0;
        long startedSecond = System.currentTimeMillis() / 1000;
        for (int minute = 0; minute < 6; minute++) {
            Response answer = given().queryParam("as_of", String.format("2025-03-01T10:%02d:00Z", minute))
                    .when().get("/api/v1/posts/top");
            if (answer.statusCode() == 200) {
                computed++;
            } else {
                assertEquals(429, answer.statusCode(), answer.body().asString());
                assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
                assertEquals("1", answer.header("Retry-After"));
                refused++;
            }
        }
        long seconds = System.currentTimeMillis() / 1000 - startedSecond + 1;
        assertTrue(computed <= seconds, computed + " rankings computed within " + seconds + " s");
        assertTrue(refused > 0 || seconds >= 6, "the budget refused some");
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/posts/top").then().statusCode(200);
        }
    }
}

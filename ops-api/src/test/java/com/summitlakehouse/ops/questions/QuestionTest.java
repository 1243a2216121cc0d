package com.summitlakehouse.ops.questions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionTest {

    /** A fresh client address per submission, so that the rate limit only bites where a test means it to. */
    private static final AtomicInteger ADDRESS = new AtomicInteger();

    static long ask(String text) {
        return ((Number) asker().contentType(ContentType.JSON)
                .body("{\"question_text\": \"" + text + "\", \"asker_name\": \"Dana\"}")
                .when().post("/api/v1/questions")
                .then().statusCode(201).body("status", equalTo("pending"))
                .extract().path("id")).longValue();
    }

    static RequestSpecification asker() {
        return given().header("X-Forwarded-For", "203.0.113.7, 10.0.0." + ADDRESS.incrementAndGet());
    }

    static RequestSpecification moderator() {
        return given().header("Authorization", Tokens.bearer("moderator"));
    }

    @Test
    void aSubmittedQuestionIsStoredHiddenAndUnanswered() throws Exception {
        long id = ask("  When do you reach Denver?  ");
        try (Connection c = TestDatabase.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT question_text, status, answer_text FROM qa_questions WHERE id = " + id)) {
            rs.next();
            assertEquals("When do you reach Denver?", rs.getString(1));
            assertEquals("pending", rs.getString(2));
            assertEquals(null, rs.getString(3));
        }
        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem((int) id)));
    }

    @Test
    void onlyPublishedQuestionsArePublic() {
        long published = ask("Is the bus electric?");
        long answered = ask("How many miles a day?");
        long rejected = ask("Spam?");
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Yes, fully.\"}")
                .when().put("/api/v1/admin/questions/" + published + "/answer")
                .then().statusCode(200).body("status", equalTo("answered")).body("answered_at", notNullValue());
        moderator().when().post("/api/v1/admin/questions/" + published + "/publish")
                .then().statusCode(200).body("status", equalTo("published")).body("published_at", notNullValue());
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"About 260.\"}")
                .when().put("/api/v1/admin/questions/" + answered + "/answer").then().statusCode(200);
        moderator().when().post("/api/v1/admin/questions/" + rejected + "/reject")
                .then().statusCode(200).body("status", equalTo("rejected"));

        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", hasItem((int) published))
                .body("items.id", not(hasItem((int) answered)))
                .body("items.id", not(hasItem((int) rejected)))
                .body("items.find { it.id == " + published + " }.answer_text", equalTo("Yes, fully."))
                .body("items.find { it.id == " + published + " }.status", nullValue());

        moderator().when().post("/api/v1/admin/questions/" + published + "/unpublish")
                .then().statusCode(200).body("status", equalTo("answered")).body("published_at", nullValue());
        given().when().get("/api/v1/questions?limit=100").then().statusCode(200)
                .body("items.id", not(hasItem((int) published)));
    }

    @Test
    void publishedQuestionsPageNewestFirstWithoutRepeats() {
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long id = ask("Paged public question " + i);
            moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Answer " + i + "\"}")
                    .when().put("/api/v1/admin/questions/" + id + "/answer").then().statusCode(200);
            moderator().when().post("/api/v1/admin/questions/" + id + "/publish").then().statusCode(200);
            mine.add(0, (int) id); // published last, listed first
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = "";
        do {
            var page = given().queryParam("limit", 2).queryParam("before", cursor)
                    .when().get("/api/v1/questions").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no question on two pages: " + seen);
        assertEquals(mine, seen.stream().filter(mine::contains).toList(), "all of them, newest first: " + seen);
    }

    @Test
    void illegalTransitionsAnswer409AndUnknownIds404() {
        long pending = ask("Where is the finish?");
        moderator().when().post("/api/v1/admin/questions/" + pending + "/publish")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("no answer"));
        moderator().when().post("/api/v1/admin/questions/" + pending + "/unpublish").then().statusCode(409);

        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Los Angeles.\"}")
                .when().put("/api/v1/admin/questions/" + pending + "/answer").then().statusCode(200);
        moderator().when().post("/api/v1/admin/questions/" + pending + "/publish").then().statusCode(200);
        moderator().when().post("/api/v1/admin/questions/" + pending + "/reject")
                .then().statusCode(409).body("detail", containsString("unpublish"));

        long rejected = ask("Rejected one");
        moderator().when().post("/api/v1/admin/questions/" + rejected + "/reject").then().statusCode(200);
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"Too late.\"}")
                .when().put("/api/v1/admin/questions/" + rejected + "/answer").then().statusCode(409);
        moderator().when().post("/api/v1/admin/questions/" + rejected + "/publish").then().statusCode(409);

        moderator().when().post("/api/v1/admin/questions/999999999/publish").then().statusCode(404)
                .contentType("application/problem+json");
        moderator().when().post("/api/v1/admin/questions/abc/publish").then().statusCode(400)
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void theModerationQueueListsOneStatusWithPagination() {
        List<Integer> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            mine.add(0, (int) ask("Queue question " + i)); // newest first, as the queue lists them
        }
        List<Integer> seen = new ArrayList<>();
        String cursor = "";
        do {
            var page = moderator().queryParam("status", "pending").queryParam("limit", 2).queryParam("before", cursor)
                    .when().get("/api/v1/admin/questions").then().statusCode(200).extract().jsonPath();
            for (Object status : page.getList("items.status")) {
                assertEquals("pending", status);
            }
            seen.addAll(page.getList("items.id", Integer.class));
            cursor = page.getString("next");
        } while (cursor != null);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no question on two pages: " + seen);
        assertEquals(mine, seen.stream().filter(mine::contains).toList(), "all of them, newest first: " + seen);
        moderator().queryParam("status", "hidden").when().get("/api/v1/admin/questions")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }

    @Test
    void submissionsAreValidated() {
        badSubmission("{\"question_text\": \"   \"}", "question_text");
        badSubmission("{}", "question_text");
        badSubmission("{\"question_text\": \"" + "q".repeat(1001) + "\"}", "question_text");
        badSubmission("{\"question_text\": \"ok\", \"asker_name\": \"" + "n".repeat(81) + "\"}", "asker_name");
        badSubmission("{\"question_text\": \"nul \\u0000 inside\"}", "question_text");
        badSubmission("{\"question_text\": 42}", "question_text");
        badSubmission("{\"question_text\": \"ok\", \"is_published\": true}", "is_published");
        badSubmission("not json", "body");
        // Exactly at the limits is fine, and surrounding whitespace does not count.
        asker().contentType(ContentType.JSON)
                .body("{\"question_text\": \"  " + "q".repeat(1000) + "  \", \"asker_name\": \"" + "n".repeat(80) + "\"}")
                .when().post("/api/v1/questions").then().statusCode(201);
        moderator().contentType(ContentType.JSON).body("{\"answer_text\": \"\"}")
                .when().put("/api/v1/admin/questions/1/answer")
                .then().statusCode(400).body("errors[0].field", equalTo("answer_text"));
    }

    @Test
    void submissionsAreRateLimitedPerClientAddress() {
        String address = "198.51.100." + ADDRESS.incrementAndGet() % 250;
        for (int i = 0; i < 5; i++) {
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                    .body("{\"question_text\": \"Rate " + i + "\"}")
                    .when().post("/api/v1/questions").then().statusCode(201);
        }
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body("{\"question_text\": \"One too many\"}")
                .when().post("/api/v1/questions")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        // Another address is not affected.
        given().header("X-Forwarded-For", address + "1").contentType(ContentType.JSON)
                .body("{\"question_text\": \"Someone else\"}")
                .when().post("/api/v1/questions").then().statusCode(201);
    }

    private static void badSubmission(String body, String field) {
        asker().contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/questions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field));
    }
}

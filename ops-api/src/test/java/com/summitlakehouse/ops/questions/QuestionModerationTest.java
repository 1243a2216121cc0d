package com.summitlakehouse.ops.questions;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.summitlakehouse.ops.audit.Actor;
import com.summitlakehouse.ops.problems.ApiProblem;
import com.summitlakehouse.ops.support.TestDatabase;
import com.summitlakehouse.ops.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class QuestionModerationTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final String ROBIN = Tokens.bearerOf("kc-robin", "Robin", "moderator");

    @Inject
    QuestionModeration moderation;

    static long ask() {
        // A random address of 100.80.0.0/16, which no suite uses as a fixed one (203.0.113.x once drew the address
        // whose allowance SubmissionRateLimiterTest counts).
        return ((Number) given().header("X-Forwarded-For",
                        "100.80." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250))
                .contentType(ContentType.JSON).body("{\"question_text\": \"Moderated " + UUID.randomUUID() + "?\"}")
                .when().post("/api/v1/questions").then().statusCode(201).extract().path("id")).longValue();
    }

    /** The question's audit rows, oldest first: action and reason. */
    static List<String> trail(long question) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT action || coalesce(' ' || reason, '') FROM moderation_audit WHERE target_id = ? ORDER BY id")) {
            s.setString(1, Long.toString(question));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    static void post(long question, String action, int status) {
        given().header("Authorization", ROBIN).when().post("/api/v1/admin/questions/" + question + "/" + action)
                .then().statusCode(status);
    }

    @Test
    void stepsThatChangeNothingWriteNoAuditRow() throws Exception {
        long question = ask();
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", ROBIN).contentType(ContentType.JSON).body("{\"answer_text\": \"Day 8\"}")
                    .when().put("/api/v1/admin/questions/" + question + "/answer").then().statusCode(200);
        }
        post(question, "publish", 200);
        post(question, "publish", 200);
        post(question, "unpublish", 200);
        post(question, "unpublish", 200);
        assertEquals(List.of("question.answer", "question.publish", "question.unpublish"), trail(question),
                "each change once; the repeats answered 200 and recorded nothing");
        post(question, "publish", 200);
        assertEquals(4, trail(question).size(), "publishing again after an unpublish is a change");
    }

    @Test
    void aRejectionRecordsItsReasonWhichMustBeAConfiguredOne() throws Exception {
        long question = ask();
        given().header("Authorization", ROBIN).when().post("/api/v1/admin/questions/" + question + "/reject?reason=meh")
                .then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().header("Authorization", ROBIN)
                .when().post("/api/v1/admin/questions/" + question + "/reject?reason=Off-topic")
                .then().statusCode(200).body("status", equalTo("rejected"));
        post(question, "reject", 200);
        assertEquals(List.of("question.reject Off-topic"), trail(question));
    }

    @Test
    void aRejectionIsUndoneOnceByItsModeratorAndTheUndoIsAudited() throws Exception {
        long question = ask();
        Actor robin = new Actor("kc-robin", "Robin");
        given().header("Authorization", ROBIN).contentType(ContentType.JSON).body("{\"answer_text\": \"Day 9\"}")
                .when().put("/api/v1/admin/questions/" + question + "/answer").then().statusCode(200);
        long entry = moderation.reject(question, "Spam", robin).await().atMost(WAIT).auditId();
        ApiProblem notHers = assertThrows(ApiProblem.class, () -> moderation.undoRejects(List.of(entry),
                new Actor("kc-sam", "Sam"), Duration.ofMinutes(5)).await().atMost(WAIT));
        assertTrue(notHers.getMessage().contains("Only the moderator"), notHers.getMessage());

        QuestionModeration.Moderated undone = moderation.undoRejects(List.of(entry), robin, Duration.ofMinutes(5))
                .await().atMost(WAIT).get(0);
        assertEquals(QuestionStatus.ANSWERED, undone.question().status(), "back to where the rejection found it");
        assertEquals("Day 9", undone.question().answerText());
        assertEquals(List.of("question.answer", "question.reject Spam", "question.undo_reject"), trail(question));
        ApiProblem twice = assertThrows(ApiProblem.class, () -> moderation.undoRejects(List.of(entry), robin,
                Duration.ofMinutes(5)).await().atMost(WAIT));
        assertTrue(twice.getMessage().contains("already undone"), twice.getMessage());
    }
}
